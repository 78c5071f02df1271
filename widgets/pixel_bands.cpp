#include "pixel_bands.h"

#include <algorithm>
#include <vector>

namespace {
struct Run
{
    int left, right; // [left, right)
    bool operator==(const Run &) const = default;
};
} // namespace

QVector<QRect> horizontalBands(const QVector<QRect> &rects)
{
    std::vector<QRect> input; // by top, to open them as the sweep goes down
    input.reserve(size_t(rects.size()));
    std::vector<int> edges; // rows where some rectangle starts or ends
    edges.reserve(2 * size_t(rects.size()));
    for (const QRect &r : rects) {
        if (r.isEmpty())
            continue;
        input.push_back(r);
        edges.push_back(r.top());
        edges.push_back(r.top() + r.height());
    }
    std::sort(input.begin(), input.end(), [](const QRect &a, const QRect &b) { return a.top() < b.top(); });
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());

    QVector<QRect> out;
    std::vector<Run> runs, previous;
    std::vector<qsizetype> open; // out's bands for `previous`, one per run
    // The rectangles covering the rows at hand, by left edge: only these are walked for each
    // stretch between two edges (walking all of them made a dense pane quadratic).
    std::vector<QRect> active;
    const auto byLeft = [](const QRect &a, const QRect &b) { return a.left() < b.left(); };
    size_t next = 0;
    // Between two consecutive edges every rectangle covers all rows or none: one set of runs.
    for (size_t e = 0; e + 1 < edges.size(); ++e) {
        const int top = edges[e], bottom = edges[e + 1];
        std::erase_if(active, [top](const QRect &r) { return r.top() + r.height() <= top; });
        for (; next < input.size() && input[next].top() <= top; ++next)
            active.insert(std::upper_bound(active.begin(), active.end(), input[next], byLeft), input[next]);
        runs.clear();
        for (const QRect &r : active) {
            const int left = r.left(), right = r.left() + r.width();
            if (!runs.empty() && left <= runs.back().right)
                runs.back().right = std::max(runs.back().right, right);
            else
                runs.push_back({left, right});
        }
        if (!runs.empty() && runs == previous) { // the same runs go on: taller bands
            for (qsizetype band : open)
                out[band].setBottom(bottom - 1);
            continue;
        }
        open.clear();
        for (const Run &run : runs) {
            open.push_back(out.size());
            out.append(QRect(run.left, top, run.right - run.left, bottom - top));
        }
        std::swap(previous, runs);
    }
    return out;
}
