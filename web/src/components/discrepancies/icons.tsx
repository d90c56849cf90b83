// Icons of the discrepancy screens, in the style of components/icons.tsx (24×24 strokes, currentColor).
import { makeIcon } from '../icons.js';

export const IconAlertTriangle = makeIcon(
  <>
    <path d="M12 4l9 16H3z" />
    <path d="M12 10v4M12 17.5v.01" />
  </>,
);
export const IconBell = makeIcon(
  <>
    <path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4z" />
    <path d="M10 20a2 2 0 0 0 4 0" />
  </>,
);
export const IconLadder = makeIcon(
  <>
    <path d="M7 3v18M17 3v18" />
    <path d="M7 7h10M7 12h10M7 17h10" />
  </>,
);
export const IconHeartbeat = makeIcon(
  <>
    <path d="M3 12h4l2-5 4 10 2-5h6" />
  </>,
);
export const IconFilePdf = makeIcon(
  <>
    <path d="M6 3h9l4 4v14H6z" />
    <path d="M15 3v4h4" />
    <path d="M9 13h6M9 17h4" />
  </>,
);
