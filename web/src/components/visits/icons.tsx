// Icons of the visit screens, in the same style as components/icons.tsx (24×24 strokes, currentColor).
import { makeIcon } from '../icons.js';

export const IconVisit = makeIcon(
  <>
    <path d="M3 21h18" />
    <path d="M5 21V9l7-5 7 5v12" />
    <path d="M9 21v-6h6v6" />
  </>,
);
export const IconCalendar = makeIcon(
  <>
    <rect x="4" y="5" width="16" height="16" rx="2" />
    <path d="M8 3v4M16 3v4M4 10h16" />
  </>,
);
export const IconCamera = makeIcon(
  <>
    <path d="M4 8h3l2-3h6l2 3h3v11H4z" />
    <circle cx="12" cy="13" r="3.5" />
  </>,
);
export const IconFlag = makeIcon(
  <>
    <path d="M5 21V4" />
    <path d="M5 4h11l-2 4 2 4H5" />
  </>,
);
export const IconCloudOff = makeIcon(
  <>
    <path d="M7 18h10a4 4 0 0 0 1-7.9A6 6 0 0 0 7.3 8" />
    <path d="M5.5 9.5A4.5 4.5 0 0 0 7 18" />
    <path d="M3 3l18 18" />
  </>,
);
export const IconCloudCheck = makeIcon(
  <>
    <path d="M7 18h10a4 4 0 0 0 1-7.9A6 6 0 0 0 6 9.5 4.5 4.5 0 0 0 7 18z" />
    <path d="M9.5 13.5l2 2 3.5-3.5" />
  </>,
);
export const IconChevronLeft = makeIcon(<path d="M15 6l-6 6 6 6" />);
export const IconChevronRight = makeIcon(<path d="M9 6l6 6-6 6" />);
export const IconSignature = makeIcon(
  <>
    <path d="M3 17c3-6 5-9 6-9s-1 8 1 8 3-5 4-5 0 4 1 4 2-1 3-2" />
    <path d="M3 21h18" />
  </>,
);
export const IconPdf = makeIcon(
  <>
    <path d="M6 3h8l4 4v14H6z" />
    <path d="M14 3v4h4" />
    <path d="M9 13h6M9 17h4" />
  </>,
);
export const IconScaleBalance = makeIcon(
  <>
    <path d="M12 4v16M7 20h10" />
    <path d="M5 8h14" />
    <path d="M5 8l-3 6a3 3 0 0 0 6 0zM19 8l-3 6a3 3 0 0 0 6 0z" />
  </>,
);
export const IconChecklist = makeIcon(
  <>
    <path d="M10 6h10M10 12h10M10 18h10" />
    <path d="M4 6l1.5 1.5L8 5M4 12l1.5 1.5L8 11M4 18l1.5 1.5L8 17" />
  </>,
);
export const IconX = makeIcon(<path d="M6 6l12 12M18 6L6 18" />);
export const IconBan = makeIcon(
  <>
    <circle cx="12" cy="12" r="8" />
    <path d="M6.5 6.5l11 11" />
  </>,
);
export const IconNote = makeIcon(
  <>
    <path d="M5 4h14v12l-4 4H5z" />
    <path d="M15 20v-4h4M8 9h8M8 13h5" />
  </>,
);
