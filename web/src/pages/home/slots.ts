// Panels other capabilities put on the home page above the portfolio (e.g. "waiting for you": counts of what waits
// for the user). Each is its own component; append it here rather than editing HomePage.
import type { ComponentType } from 'react';
import { WaitingPanel } from '../../components/waiting/Waiting.js';

export const HOME_PANELS: ComponentType[] = [WaitingPanel];
