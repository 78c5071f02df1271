#pragma once
// Rewrites whole-pixel rectangles as horizontal bands covering exactly the same pixels.
// Why: the raster engine fills a rectangle one row at a time, so a dense chart's bars (one
// pixel wide, up to a pane tall, hundreds of them) cost a fill call per pixel of height;
// bands side by side merge into one fill per row per run of touching bars.

#include <QRect>
#include <QVector>

// The union of `rects` as bands: no two overlap, each is as wide as the run of input pixels
// it stands for on its rows, and equal runs on consecutive rows share one band. Empty
// rectangles are ignored.
QVector<QRect> horizontalBands(const QVector<QRect> &rects);
