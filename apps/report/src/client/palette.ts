import type { Mode, PayloadWay } from '@tvp/core';

/**
 * What a series' colour stands for: a mode, or a pool library people install (each library keeps
 * its colour whatever mode it runs in). The runtime is never a colour: it is the panel.
 */
export type ColorKey =
  | 'threads'
  | 'processes'
  | 'async'
  | 'sequential'
  | 'piscina'
  | 'tinypool'
  | 'workerpool'
  | 'poolifier'
  | 'ideal'
  | PayloadWay;

/** The pool libraries that get a colour of their own, by the prefix of their impl names. */
const LIBRARIES = ['piscina', 'tinypool', 'workerpool', 'poolifier'] as const;

// Okabe & Ito's eight colours, built to stay apart for the common colour blindnesses; the dark
// scheme lightens the two that vanish on a dark background (blue, black) and keeps the hues.
const LIGHT: Record<ColorKey, string> = {
  threads: '#0072b2',
  processes: '#d55e00',
  async: '#009e73',
  sequential: '#000000',
  piscina: '#cc79a7',
  tinypool: '#e69f00',
  workerpool: '#56b4e9',
  poolifier: '#b8a300',
  ideal: '#8a8a8a',
  // The ways of moving a payload: Paul Tol's muted and bright colour-blind-safe palettes, none of
  // them a mode's colour (a colour means one thing on the page). The four ways of one mode, which
  // share a panel, are far apart in hue, and each also has its own dash (`wayDash`).
  'clone-object': '#332288',
  'clone-buffer': '#44aa99',
  transfer: '#aa3377',
  shared: '#999933',
  // ColorBrewer's purple: Tol's wine beside frames' rose read as one pink on a dark page.
  json: '#6a3d9a',
  advanced: '#117733',
  'advanced-buffer': '#88ccee',
  frames: '#cc6677',
};
const DARK: Record<ColorKey, string> = {
  ...LIGHT,
  threads: '#3d9ee6',
  sequential: '#e8e8e8',
  poolifier: '#f0e442',
  ideal: '#9a9a9a',
  // The dark ones, lightened to stand out on a dark background, their hues kept.
  'clone-object': '#8877dd',
  json: '#b291dd',
  advanced: '#44bb66',
};

/** True when the reader's system asks for a dark page (read at draw time). */
export const prefersDark = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;

/** The colour key of a line: its pool library when it is one, else its mode. */
export function colorKey(mode: Mode | (string & {}), impl: string): ColorKey {
  const lib = LIBRARIES.find((l) => impl === l || impl.startsWith(`${l}-`));
  return lib ?? (mode as ColorKey);
}

/** The colour of a key in the current scheme. */
export const colorOf = (key: ColorKey): string => (prefersDark() ? DARK : LIGHT)[key];

/** Every key with its colour in the current scheme: the page's one legend of colours. */
export const colorTable = (): Record<ColorKey, string> => ({ ...(prefersDark() ? DARK : LIGHT) });

// The impl's cue beside its colour: the mode's first impl is solid, the others dashed or dotted.
const DASHES: (number[] | undefined)[] = [undefined, [8, 4], [2, 3], [10, 3, 2, 3]];

/** The dash of the k-th impl of one colour key on a chart (0: solid). */
export const dashAt = (k: number): number[] | undefined => DASHES[k % DASHES.length];

/** How light a hollow bar's inside is. */
export const HOLLOW_ALPHA = 0.18;

/** A colour made transparent, for bands and stacked areas. */
export function alpha(hex: string, a: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}
