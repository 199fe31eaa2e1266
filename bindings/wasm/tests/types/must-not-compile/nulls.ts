// A value that can be absent is typed `T | null`, as it is at run time: code that forgets it, or checks for
// `undefined` instead, does not compile.
import { emotionFromHealthKitLabel, emotionReport } from '@cesizen/sdk';

const request = { userId: 'u', period: { type: 'week' as const, containing: '2025-03-26' }, timeZone: 'Europe/Paris' };
const report = emotionReport([], request, '2025-03-31T10:00:00Z');

export const forgot = report.meanValence.toFixed(2); // error TS18047
export const wrongCheck = report.meanValence !== undefined ? report.meanValence.toFixed(2) : '–'; // error TS18047
export const right = report.meanValence !== null ? report.meanValence.toFixed(2) : '–';

// A HealthKit label the taxonomy does not read (`drained`) maps to no emotion: `emotion` is `null` then.
const drained = emotionFromHealthKitLabel('drained');
export const forgotNoEmotion = drained.emotion.base; // error TS18047
export const rightNoEmotion = drained.emotion !== null ? drained.emotion.base : null;
