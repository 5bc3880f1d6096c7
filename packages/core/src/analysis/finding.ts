import type { TaskKind } from '../format/types.ts';

/** A sentence about the data, and the numbers it rests on. */
export interface Finding {
  /** What the finding is about: a task kind, `start`, `time`, `runtime`, or one of the article's claims. */
  topic: TaskKind | 'start' | 'time' | 'runtime' | 'article';
  text: string;
  /** The medians, sample counts and tests behind the sentence. */
  basis: string;
}
