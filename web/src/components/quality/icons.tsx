// Icons of the quality screens, in the same style as components/icons.tsx (24×24 strokes, currentColor).
import { makeIcon } from '../icons.js';

/** A caliper-like ruler: specifications. */
export const IconRuler = makeIcon(
  <>
    <path d="M4 17L17 4l3 3L7 20z" />
    <path d="M8 13l1.5 1.5M10.5 10.5l2 2M13 8l1.5 1.5" />
  </>,
);

/** A lab flask: sample tests. */
export const IconFlask = makeIcon(
  <>
    <path d="M9 3h6M10 3v6L5 18a2 2 0 0 0 1.8 3h10.4A2 2 0 0 0 19 18l-5-9V3" />
    <path d="M7.5 14h9" />
  </>,
);

/** A box with a check: lot inspections. */
export const IconBoxCheck = makeIcon(
  <>
    <path d="M4 7.5L12 4l8 3.5v9L12 20l-8-3.5z" />
    <path d="M4 7.5l8 3.5 8-3.5M12 11v9" />
  </>,
);

/** A file with an arrow up: imports. */
export const IconFileImport = makeIcon(
  <>
    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
    <path d="M14 3v5h5M12 18v-6M9.5 14.5L12 12l2.5 2.5" />
  </>,
);

/** A control chart: a line between two limits. */
export const IconChartLine = makeIcon(
  <>
    <path d="M3 5h18M3 19h18" strokeDasharray="2 2.5" />
    <path d="M3 13l4-3 3 4 4-6 3 3 4-2" />
  </>,
);

/** A bar chart: capacity. */
export const IconChartBar = makeIcon(
  <>
    <path d="M4 20h16" />
    <path d="M6 20v-6h3v6M11 20V8h3v12M16 20v-9h3v9" />
  </>,
);

export const IconCalculator = makeIcon(
  <>
    <rect x="5" y="3" width="14" height="18" rx="2" />
    <path d="M8 7h8M8 11h.01M12 11h.01M16 11h.01M8 15h.01M12 15h.01M16 15h.01M8 18h.01M12 18h4" />
  </>,
);

export const IconTerminal = makeIcon(
  <>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="M7 9l3 3-3 3M12 15h5" />
  </>,
);
