// Icons of the engagement screens, in the same style as components/icons.tsx (24×24 strokes, currentColor).
import { makeIcon } from '../icons.js';

export const IconHandshake = makeIcon(
  <>
    <path d="M11 17l2 2a1.4 1.4 0 0 0 2-2" />
    <path d="M14 14l2.5 2.5a1.4 1.4 0 0 0 2-2L15 11l-1.5 1.5a2 2 0 0 1-3-3L13 7h2l5 5" />
    <path d="M3 12l4-4h4M21 12l-3-3" />
    <path d="M7 14l2 2a1.4 1.4 0 0 0 2-2" />
  </>,
);
export const IconClipboardCheck = makeIcon(
  <>
    <rect x="5" y="4" width="14" height="17" rx="2" />
    <path d="M9 4V3h6v1M9 13l2 2 4-4" />
  </>,
);
export const IconFactory = makeIcon(
  <>
    <path d="M3 21h18" />
    <path d="M4 21V10l5 3V10l5 3V10l5 3v8" />
    <path d="M17 7V3h2v6" />
  </>,
);
export const IconMessage = makeIcon(
  <>
    <path d="M4 5h16v11H9l-5 4z" />
    <path d="M8 9h8M8 12h5" />
  </>,
);
export const IconGauge = makeIcon(
  <>
    <path d="M4 17a8 8 0 1 1 16 0" />
    <path d="M12 17l4-5" />
    <circle cx="12" cy="17" r="1" />
  </>,
);
export const IconScale = makeIcon(
  <>
    <path d="M12 4v16M7 20h10M5 8h14" />
    <path d="M5 8l-3 6a3 3 0 0 0 6 0zM19 8l-3 6a3 3 0 0 0 6 0z" />
  </>,
);
export const IconStack = makeIcon(
  <>
    <path d="M12 3l9 5-9 5-9-5z" />
    <path d="M3 13l9 5 9-5" />
  </>,
);
export const IconReply = makeIcon(<path d="M10 8L5 12l5 4M5 12h9a5 5 0 0 1 5 5v1" />);
export const IconShare = makeIcon(
  <>
    <circle cx="6" cy="12" r="2.5" />
    <circle cx="18" cy="6" r="2.5" />
    <circle cx="18" cy="18" r="2.5" />
    <path d="M8.2 10.8l7.6-3.6M8.2 13.2l7.6 3.6" />
  </>,
);
export const IconEye = makeIcon(
  <>
    <path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z" />
    <circle cx="12" cy="12" r="3" />
  </>,
);
export const IconClock = makeIcon(
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7v5l3 2" />
  </>,
);
