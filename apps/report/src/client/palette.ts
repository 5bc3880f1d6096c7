// Okabe-Ito and Tableau colours: distinguishable for the common kinds of colour blindness.
const COLORS = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#e69f00',
  '#56b4e9',
  '#7f7f7f',
  '#8c564b',
  '#bcbd22',
  '#17becf',
];

/** The i-th line colour, repeating after ten. */
export const colorAt = (i: number): string => COLORS[i % COLORS.length]!;

/** A colour made transparent, for bands and stacked areas. */
export function alpha(hex: string, a: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}
