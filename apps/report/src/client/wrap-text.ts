/** What measures text: a canvas's 2D context with its font set. */
export interface TextMeasure {
  measureText(text: string): { width: number };
}

/**
 * Break `text` into lines no wider than `maxWidth` as the page wraps it: at spaces, and inside a
 * word only when the word alone is too wide (the page's panel titles wrap `anywhere`). A canvas
 * draws one line per `fillText` and squeezes a line given a `maxWidth`, so a saved image wraps here.
 */
export function wrapLines(m: TextMeasure, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const joined = line === '' ? word : `${line} ${word}`;
    if (m.measureText(joined).width <= maxWidth) {
      line = joined;
      continue;
    }
    if (line !== '') lines.push(line);
    line = '';
    // A word wider than a line: as many characters as fit, line after line.
    let rest = word;
    while (m.measureText(rest).width > maxWidth && rest.length > 1) {
      let n = rest.length - 1;
      while (n > 1 && m.measureText(rest.slice(0, n)).width > maxWidth) n--;
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    line = rest;
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}
