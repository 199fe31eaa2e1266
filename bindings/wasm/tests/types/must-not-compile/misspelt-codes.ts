// The closed lists of the SDK are literal unions generated from the Rust enums: a misspelt code does not compile
// (TS2820 when TypeScript finds a near code to suggest, TS2322 otherwise).
import type { BaseEmotion, ContextTag, EntryKind, LifeEvent, Nuance } from '@cesizen/sdk';

export const kind: EntryKind = 'momentary_emoton'; // error TS2820
export const base: BaseEmotion = 'Joy'; // error TS2820
export const nuance: Nuance = 'wory'; // error TS2820
export const tag: ContextTag = 'wrok'; // error TS2322
export const event: LifeEvent = 'divorced'; // error TS2820

// The right codes compile.
export const fine: [EntryKind, BaseEmotion, Nuance, ContextTag, LifeEvent] = ['daily_mood', 'joy', 'worry', 'work', 'divorce'];
