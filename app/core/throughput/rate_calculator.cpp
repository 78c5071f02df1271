#include "throughput/rate_calculator.h"

namespace kafkascope {

RateSample RateCalculator::observe(const QString &topic, int partition, double t, qint64 low, qint64 high)
{
    const QPair<QString, int> key{topic, partition};
    const auto it = m_last.find(key);
    if (it == m_last.end()) {
        m_last.insert(key, {t, low, high});
        return {RateSample::Kind::First, 0};
    }
    const Last prev = *it;
    // The log end only grows and the log start never moves back: either going backwards
    // means a new log (topic deleted and recreated), so the old baseline is meaningless.
    if (high < prev.high || low < prev.low) {
        *it = {t, low, high};
        return {RateSample::Kind::Reset, 0};
    }
    const double elapsed = t - prev.t;
    if (elapsed <= 0) // clock went backwards or a duplicate: keep the older baseline
        return {RateSample::Kind::First, 0};
    *it = {t, low, high};
    return {RateSample::Kind::Rate, double(high - prev.high) / elapsed};
}

void RateCalculator::forgetTopic(const QString &topic)
{
    for (auto it = m_last.begin(); it != m_last.end();) {
        if (it.key().first == topic)
            it = m_last.erase(it);
        else
            ++it;
    }
}

} // namespace kafkascope
