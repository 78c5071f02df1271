#include "series/series_block.h"

#include "series/alp_codec.h"
#include "series/gorilla_codec.h"
#include "series/time_codec.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace kafkascope {

using namespace series;

namespace {
// ALP wins while exceptions are rare; past one in eight, 80 bits each outweigh what the
// decimals save and XOR does better.
constexpr std::size_t kMaxExceptionShare = 8;
} // namespace

SeriesBlock SeriesBlock::encode(std::span<const SeriesPoint> points)
{
    SeriesBlock b;
    const std::size_t n = std::min<std::size_t>(points.size(), 0xffff);
    b.m_count = std::uint16_t(n);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    b.m_min = b.m_max = {nan, nan};
    if (n == 0)
        return b;
    b.m_first = points[0];
    b.m_last = points[n - 1];
    std::vector<double> times(n), values(n);
    for (std::size_t i = 0; i < n; ++i) {
        times[i] = points[i].t;
        values[i] = points[i].v;
        const double v = values[i];
        if (std::isnan(v))
            continue;
        if (std::isnan(b.m_min.v) || v < b.m_min.v)
            b.m_min = points[i];
        if (std::isnan(b.m_max.v) || v > b.m_max.v)
            b.m_max = points[i];
    }
    BitWriter out;
    timeEncode(times.data(), n, out);
    out.writeBit(false); // reserved: a later codec
    BitWriter alp = out;
    if (alpEncode(values.data(), n, n / kMaxExceptionShare, alp)) {
        out = std::move(alp);
        b.m_codec = ValueCodec::Alp;
    } else {
        std::vector<std::uint64_t> bits(n);
        for (std::size_t i = 0; i < n; ++i)
            bits[i] = std::bit_cast<std::uint64_t>(values[i]);
        gorillaEncode(bits.data(), n, out);
        b.m_codec = ValueCodec::Gorilla;
    }
    std::vector<std::uint64_t> words = out.take();
    b.m_words = std::uint32_t(words.size());
    b.m_bits = std::make_unique_for_overwrite<std::uint64_t[]>(words.size());
    std::copy(words.begin(), words.end(), b.m_bits.get());
    return b;
}

void SeriesBlock::decode(SeriesPoint *out) const
{
    const std::size_t n = m_count;
    if (n == 0)
        return;
    thread_local std::vector<double> times, values;
    times.resize(n);
    values.resize(n);
    BitReader in(m_bits.get(), m_words);
    timeDecode(in, n, times.data());
    in.readBit();
    if (m_codec == ValueCodec::Alp) {
        alpDecode(in, n, values.data());
    } else {
        thread_local std::vector<std::uint64_t> bits;
        bits.resize(n);
        gorillaDecode(in, n, bits.data());
        for (std::size_t i = 0; i < n; ++i)
            values[i] = std::bit_cast<double>(bits[i]);
    }
    for (std::size_t i = 0; i < n; ++i)
        out[i] = {times[i], values[i]};
}

} // namespace kafkascope
