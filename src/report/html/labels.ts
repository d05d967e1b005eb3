/**
 * Where chart labels go so that no two print over each other: each label tries its places in
 * turn and takes the first that overlaps nothing placed before it; a label with no free place
 * is left out (its line keeps a tooltip, and the legend or timeline says the rest). Widths are
 * estimated on the generous side for the report's 11 px system font, and checked in Chromium.
 */

export type Anchor = 'start' | 'middle' | 'end';

export interface Spot {
  /** The text's anchor point and baseline, as SVG <text> takes them. */
  x: number;
  y: number;
  anchor: Anchor;
}

interface Box {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
}

/** Average advance of a character of the 11 px chart font, with room for bold and capitals. */
export const CHAR_PX = 7;
const ASCENT_PX = 10;
const DESCENT_PX = 3;
const GAP_PX = 3;

export function textWidth(text: string, charPx = CHAR_PX): number {
  return text.length * charPx;
}

export class LabelSpace {
  private readonly boxes: Box[] = [];

  constructor(private readonly bounds: Box) {}

  /** Marks an area as taken (a title, say) so no label lands on it. */
  reserve(x1: number, x2: number, y1: number, y2: number): void {
    this.boxes.push({ x1, x2, y1, y2 });
  }

  /** The first of `spots` where `text` fits inside the chart without touching another label, or null. */
  place(text: string, spots: readonly Spot[], charPx = CHAR_PX): Spot | null {
    const width = textWidth(text, charPx);
    for (const s of spots) {
      const x1 = s.anchor === 'start' ? s.x : s.anchor === 'end' ? s.x - width : s.x - width / 2;
      const box = { x1, x2: x1 + width, y1: s.y - ASCENT_PX, y2: s.y + DESCENT_PX };
      if (box.x1 < this.bounds.x1 || box.x2 > this.bounds.x2 || box.y1 < this.bounds.y1 || box.y2 > this.bounds.y2) continue;
      if (this.boxes.some((b) => overlaps(b, box))) continue;
      this.boxes.push(box);
      return s;
    }
    return null;
  }
}

function overlaps(a: Box, b: Box): boolean {
  return a.x1 < b.x2 + GAP_PX && b.x1 < a.x2 + GAP_PX && a.y1 < b.y2 && b.y1 < a.y2;
}
