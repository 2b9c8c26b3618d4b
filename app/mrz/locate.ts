/**
 * Finds the MRZ lines in a grayscale photo, the way PassportEye does: black-hat to lift dark text off the page,
 * horizontal gradient, closing to merge characters into bands, Otsu threshold, then connected components that are
 * long, thin and stacked like 2 or 3 MRZ lines. Pure JavaScript on a small working copy (800 px wide).
 */
type Component = { x0: number; y0: number; x1: number; y1: number; n: number; cx: number; cy: number; angle: number };

export type MrzLineBox = Component & { w: number; h: number; effH: number };

export type LocateOptions = { kw?: number; kh?: number };


// 1D running min/max along rows or columns (naive sliding window with deque)
function slide(src: Uint8Array, w: number, h: number, k: number, horizontal: boolean, isMax: boolean) {
  const dst = new Uint8Array(w * h);
  const r = k >> 1;
  const n = horizontal ? w : h;
  const m = horizontal ? h : w;
  const idx = new Int32Array(n);
  for (let j = 0; j < m; j++) {
    const base = horizontal ? j * w : j;
    const step = horizontal ? 1 : w;
    let head = 0, tail = 0;
    // deque over window [i-r, i+r]
    let next = 0;
    for (let i = 0; i < n; i++) {
      const hi = Math.min(n - 1, i + r);
      while (next <= hi) {
        const v = src[base + next * step]!;
        while (tail > head && (isMax ? src[base + idx[tail - 1]! * step]! <= v : src[base + idx[tail - 1]! * step]! >= v)) tail--;
        idx[tail++] = next++;
      }
      while (idx[head]! < i - r) head++;
      dst[base + i * step] = src[base + idx[head]! * step]!;
    }
  }
  return dst;
}
const dilate = (s: Uint8Array, w: number, h: number, kw: number, kh: number) => slide(slide(s, w, h, kw, true, true), w, h, kh, false, true);
const erode = (s: Uint8Array, w: number, h: number, kw: number, kh: number) => slide(slide(s, w, h, kw, true, false), w, h, kh, false, false);
export const close = (s: Uint8Array, w: number, h: number, kw: number, kh: number) => erode(dilate(s, w, h, kw, kh), w, h, kw, kh);

export function otsu(data: ArrayLike<number>, from = 0, to = data.length) {
  const hist = new Float64Array(256);
  for (let i = from; i < to; i++) hist[data[i]!] = hist[data[i]!]! + 1;
  const total = to - from;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  let sumB = 0, wB = 0, best = 0, thr = 127;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (!wB) continue;
    const wF = total - wB;
    if (!wF) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB, mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) { best = between; thr = t; }
  }
  return thr;
}

// connected components (4-conn) on binary mask (1 = fg); returns list with bbox + moments
function components(mask: Uint8Array, w: number, h: number): Component[] {
  const labels = new Int32Array(w * h);
  const comps: Component[] = [];
  const stack = new Int32Array(w * h);
  let lab = 0;
  for (let p = 0; p < w * h; p++) {
    if (!mask[p]! || labels[p]!) continue;
    lab++;
    let sp = 0; stack[sp++] = p; labels[p] = lab;
    let x0 = w, y0 = h, x1 = 0, y1 = 0, n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    while (sp) {
      const q = stack[--sp]!;
      const x = q % w, y = (q / w) | 0;
      n++; sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
      if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
      if (x > 0 && mask[q - 1]! && !labels[q - 1]!) { labels[q - 1] = lab; stack[sp++] = q - 1; }
      if (x < w - 1 && mask[q + 1]! && !labels[q + 1]!) { labels[q + 1] = lab; stack[sp++] = q + 1; }
      if (y > 0 && mask[q - w]! && !labels[q - w]!) { labels[q - w] = lab; stack[sp++] = q - w; }
      if (y < h - 1 && mask[q + w]! && !labels[q + w]!) { labels[q + w] = lab; stack[sp++] = q + w; }
    }
    const mx = sx / n, my = sy / n;
    const mu20 = sxx / n - mx * mx, mu02 = syy / n - my * my, mu11 = sxy / n - mx * my;
    const angle = 0.5 * Math.atan2(2 * mu11, mu20 - mu02); // radians
    comps.push({ x0, y0, x1, y1, n, cx: mx, cy: my, angle });
  }
  return comps;
}

/**
 * gray: Uint8Array, w,h (already resized to a working width, e.g. 800)
 * returns { lines: [{x0,y0,x1,y1,angle}], debug }
 */
export function locateMrz(gray: Uint8Array, w: number, h: number, opts: LocateOptions = {}): { lines: MrzLineBox[] } {
  // Expected char height in working image ~ w/44/0.7*... estimate kernel from width
  const kw = opts.kw ?? Math.max(9, Math.round(w / 45)), kh = opts.kh ?? Math.max(3, Math.round(w / 120));
  // blackhat = close(img) - img  (dark text on light bg)
  const cl = close(gray, w, h, kw, kh);
  const bh = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) bh[i] = cl[i]! - gray[i]!;
  // x-gradient (Sobel) abs
  const grad = new Float32Array(w * h);
  let gmax = 1;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const g = Math.abs((bh[i - w + 1]! + 2 * bh[i + 1]! + bh[i + w + 1]!) - (bh[i - w - 1]! + 2 * bh[i - 1]! + bh[i + w - 1]!));
      grad[i] = g; if (g > gmax) gmax = g;
    }
  }
  const g8 = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) g8[i] = Math.round((grad[i]! / gmax) * 255);
  // close horizontally to merge chars
  const gc = close(g8, w, h, kw, Math.max(1, kh >> 1));
  const thr = otsu(gc);
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) mask[i] = gc[i]! > thr ? 1 : 0;
  // small opening vertically to cut thin bridges between lines
  const comps = components(mask, w, h);
  const cands: MrzLineBox[] = [];
  for (const c of comps) {
    const cw = c.x1 - c.x0 + 1, ch = c.y1 - c.y0 + 1;
    if (cw < w * 0.25) continue;
    // effective height (for slanted lines, bbox height is inflated)
    const effH = c.n / cw;
    if (cw / effH < 10) continue;
    cands.push({ ...c, w: cw, h: ch, effH });
  }
  // group lines: similar width & left edge; pick best group of 2-3 consecutive near bottom
  cands.sort((a, b) => a.cy - b.cy);
  let best: { score: number; grp: MrzLineBox[] } | null = null;
  for (let i = 0; i < cands.length; i++) {
    const grp = [cands[i]!];
    for (let j = i + 1; j < cands.length && grp.length < 3; j++) {
      const prev = grp[grp.length - 1]!, c = cands[j]!;
      const gap = c.cy - prev.cy;
      if (gap > 3.5 * Math.max(prev.effH, c.effH)) break;
      if (Math.abs(c.w - cands[i]!.w) > 0.25 * cands[i]!.w) continue;
      if (Math.abs(c.x0 - cands[i]!.x0) > 0.15 * cands[i]!.w) continue;
      if (Math.abs(c.effH - cands[i]!.effH) > 0.35 * Math.max(c.effH, cands[i]!.effH)) continue;
      grp.push(c);
    }
    const score = grp.reduce((a, c) => a + 3 * c.w / w, 0) + 2 * (grp[0]!.cy / h) + (grp.length >= 2 ? 2 : 0);
    if (grp.length >= 2 && (!best || score > best.score)) best = { score, grp };
  }
  if (!best && cands.length) best = { score: 0, grp: [cands[cands.length - 1]!] };
  return { lines: best ? best.grp : [] };
}
