/**
 * The digest's chart: root-cause categories of the escalations opened in each of the last eight weeks, as
 * stacked bars, drawn server-side by Chart.js on a native canvas (@napi-rs/canvas) and encoded as PNG. No
 * browser is involved.
 */
import { createCanvas } from "@napi-rs/canvas";
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartItem,
  Legend,
  LinearScale,
  Title,
} from "chart.js";
import { categoryLabel } from "../domain/labels.ts";
import type { Digest } from "./digest.ts";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title);

/** One color per category, stable across weeks and digests. */
const COLORS: Record<string, string> = {
  product_defect: "#e15759",
  vendor_change: "#f28e2b",
  infrastructure: "#9c755f",
  third_party: "#bab0ac",
  customer_change: "#4e79a7",
  data_quality: "#76b7b2",
  usage_growth: "#59a14f",
  onboarding_gap: "#edc948",
  expectation_mismatch: "#b07aa1",
  documentation_gap: "#ff9da7",
  process_failure: "#5d6d7e",
  billing: "#17becf",
};

/** Paints the background white: Slack shows a transparent PNG on dark themes too. */
const whiteBackground = {
  id: "whiteBackground",
  beforeDraw(chart: Chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** The chart of `digest` as PNG bytes (1000 × 500). */
export function renderDigestChart(digest: Pick<Digest, "week" | "chart">): Buffer {
  const canvas = createCanvas(1000, 500);
  // Chart.js types its target as a DOM canvas; the native canvas offers the same 2D context.
  const chart = new Chart(canvas as unknown as ChartItem, {
    type: "bar",
    data: {
      labels: digest.chart.weeks,
      datasets: [
        ...digest.chart.series.map((s) => ({
          label: categoryLabel(s.category),
          data: s.counts,
          backgroundColor: COLORS[s.category] ?? "#999999",
        })),
        { label: "not validated yet", data: digest.chart.unvalidated, backgroundColor: "#e0e0e0" },
      ],
    },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      plugins: {
        title: { display: true, text: `Root causes of escalations opened, 8 weeks to ${digest.week}` },
        legend: { position: "bottom" },
      },
      scales: {
        x: { stacked: true },
        y: {
          stacked: true,
          beginAtZero: true,
          ticks: { precision: 0 },
          title: { display: true, text: "escalations" },
        },
      },
    },
    plugins: [whiteBackground],
  });
  try {
    return canvas.toBuffer("image/png");
  } finally {
    chart.destroy();
  }
}
