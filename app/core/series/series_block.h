#pragma once
// A sealed, compressed run of a series' points: timestamps by delta-of-delta, values by ALP
// when they are decimals or Gorilla XOR otherwise (chosen per block), and a summary (first,
// last, lowest, highest point) a chart can draw from without decoding the block. Decoding
// gives back every (t, v) bit for bit. Immutable once encoded.

#include "series/series_point.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace kafkascope {

enum class ValueCodec : std::uint8_t { Alp, Gorilla };

class SeriesBlock
{
public:
    // Up to 65,535 points, in any order; NaNs are kept but never win the min/max summary.
    static SeriesBlock encode(std::span<const SeriesPoint> points);

    std::size_t size() const { return m_count; }
    ValueCodec codec() const { return m_codec; }
    const SeriesPoint &first() const { return m_first; }
    const SeriesPoint &last() const { return m_last; }
    // The lowest and highest non-NaN value and where they are; both NaN if every value is.
    const SeriesPoint &lowest() const { return m_min; }
    const SeriesPoint &highest() const { return m_max; }
    // Writes size() points to out.
    void decode(SeriesPoint *out) const;
    std::size_t bytesUsed() const { return sizeof(SeriesBlock) + m_words * sizeof(std::uint64_t); }

private:
    std::unique_ptr<std::uint64_t[]> m_bits;
    std::uint32_t m_words = 0;
    std::uint16_t m_count = 0;
    ValueCodec m_codec = ValueCodec::Alp;
    SeriesPoint m_first{}, m_last{}, m_min{}, m_max{};
};

} // namespace kafkascope
