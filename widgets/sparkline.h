#pragma once
// A small line of recent values against time, for a dashboard tile: the window ends at the
// newest time given, a NaN is a gap, and the baseline is 0 for counts and rates. No axes,
// no interaction. Knows nothing of where the values come from.

#include <QWidget>
#include <vector>

class Sparkline : public QWidget
{
    Q_OBJECT
public:
    explicit Sparkline(QWidget *parent = nullptr);

    // Points oldest first: t in seconds, v its value (NaN: no value, a gap). `windowEnd` is
    // the right edge (now), `windowSeconds` how far back the left edge lies.
    void setPoints(std::vector<double> t, std::vector<double> v, double windowEnd, double windowSeconds);
    const std::vector<double> &times() const { return m_t; }
    const std::vector<double> &values() const { return m_v; }
    QSize sizeHint() const override { return {220, 64}; }
    QSize minimumSizeHint() const override { return {80, 28}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::vector<double> m_t, m_v;
    double m_end = 0, m_window = 300;
};
