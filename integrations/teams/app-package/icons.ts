/**
 * The app package's icons, drawn rather than stored: a colour icon (192×192, a red tile with a white
 * alert triangle) and an outline icon (32×32, the white triangle on transparency), as Teams asks.
 */
import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";

function triangle(ctx: SKRSContext2D, size: number, inset: number): void {
  ctx.beginPath();
  ctx.moveTo(size / 2, inset);
  ctx.lineTo(size - inset, size - inset * 1.2);
  ctx.lineTo(inset, size - inset * 1.2);
  ctx.closePath();
}

function bang(ctx: SKRSContext2D, size: number, color: string): void {
  ctx.fillStyle = color;
  const w = size * 0.08;
  ctx.fillRect(size / 2 - w / 2, size * 0.36, w, size * 0.26);
  ctx.fillRect(size / 2 - w / 2, size * 0.67, w, w);
}

/** color.png: 192×192. */
export function colorIcon(): Buffer {
  const size = 192;
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#C4314B";
  ctx.fillRect(0, 0, size, size);
  ctx.fillStyle = "#FFFFFF";
  triangle(ctx, size, 36);
  ctx.fill();
  bang(ctx, size, "#C4314B");
  return canvas.toBuffer("image/png");
}

/** outline.png: 32×32, white on transparent. */
export function outlineIcon(): Buffer {
  const size = 32;
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext("2d");
  ctx.strokeStyle = "#FFFFFF";
  ctx.lineWidth = 2;
  triangle(ctx, size, 4);
  ctx.stroke();
  bang(ctx, size, "#FFFFFF");
  return canvas.toBuffer("image/png");
}
