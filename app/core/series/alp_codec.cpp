#include "series/alp_codec.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

namespace kafkascope::series {

namespace {

constexpr int kMaxExponent = 18; // 10^18 is an exact double; integers stay below 2^52
constexpr double kLimit = 4503599627370496.0; // 2^52
constexpr std::size_t kSample = 32;

constexpr std::array<double, kMaxExponent + 1> kPow10 = [] {
    std::array<double, kMaxExponent + 1> p{};
    double v = 1;
    for (auto &x : p) {
        x = v;
        v *= 10;
    }
    return p;
}();

// The integer k with k / 10^e == v bit for bit, if there is one.
bool toDecimal(double v, int e, std::int64_t &k)
{
    const double scaled = v * kPow10[size_t(e)];
    if (!(std::fabs(scaled) < kLimit)) // NaN and infinities fail here too
        return false;
    k = std::llrint(scaled);
    return std::bit_cast<std::uint64_t>(double(k) / kPow10[size_t(e)]) == std::bit_cast<std::uint64_t>(v);
}

// The smallest exponent that turns the most of a sample of the values into decimals.
int chooseExponent(const double *values, std::size_t count)
{
    const std::size_t step = std::max<std::size_t>(1, count / kSample);
    int best = 0;
    std::size_t bestHits = 0;
    for (int e = 0; e <= kMaxExponent; ++e) {
        std::size_t hits = 0;
        std::int64_t k;
        for (std::size_t i = 0; i < count; i += step)
            hits += toDecimal(values[i], e, k) ? 1 : 0;
        if (hits > bestHits) {
            best = e;
            bestHits = hits;
            if (hits * step >= count)
                break; // every sampled value fits: a larger exponent cannot do better
        }
    }
    return best;
}

} // namespace

// Layout: 5 bits exponent, 1 bit mode (0 frame of reference, 1 differences), 7 bits width,
// 64 bits base (zigzag), in difference mode 64 bits of the first integer (zigzag), 16 bits
// exception count; then the packed integers; then per exception 16 bits position + 64 bits.
bool alpEncode(const double *values, std::size_t count, std::size_t maxExceptions, BitWriter &out)
{
    if (count == 0 || count > 0xffff)
        return false;
    const int e = chooseExponent(values, count);
    std::vector<std::int64_t> ints(count);
    std::vector<std::uint16_t> exceptions;
    bool haveFirst = false;
    std::int64_t previous = 0;
    for (std::size_t i = 0; i < count; ++i) {
        std::int64_t k;
        if (toDecimal(values[i], e, k)) {
            if (!haveFirst) {
                std::fill(ints.begin(), ints.begin() + std::ptrdiff_t(i), k); // leading exceptions
                haveFirst = true;
            }
            previous = k;
        } else {
            exceptions.push_back(std::uint16_t(i));
            if (exceptions.size() > maxExceptions)
                return false;
            k = previous; // a placeholder that costs nothing in either packing
        }
        ints[i] = k;
    }
    if (!haveFirst)
        return false;
    const auto [minK, maxK] = std::minmax_element(ints.begin(), ints.end());
    const int forWidth = bitWidth(std::uint64_t(*maxK - *minK));
    std::int64_t minD = 0, maxD = 0;
    for (std::size_t i = 1; i < count; ++i) {
        const std::int64_t d = ints[i] - ints[i - 1];
        minD = i == 1 ? d : std::min(minD, d);
        maxD = i == 1 ? d : std::max(maxD, d);
    }
    const int deltaWidth = bitWidth(std::uint64_t(maxD - minD));
    const bool delta = count > 1 && (count - 1) * std::size_t(deltaWidth) + 64 < count * std::size_t(forWidth);
    out.write(std::uint64_t(e), 5);
    out.writeBit(delta);
    out.write(std::uint64_t(delta ? deltaWidth : forWidth), 7);
    out.write(zigzag(delta ? minD : *minK), 64);
    if (delta) {
        out.write(zigzag(ints[0]), 64);
        for (std::size_t i = 1; i < count; ++i)
            out.write(std::uint64_t(ints[i] - ints[i - 1] - minD), deltaWidth);
    } else {
        for (std::size_t i = 0; i < count; ++i)
            out.write(std::uint64_t(ints[i] - *minK), forWidth);
    }
    out.write(exceptions.size(), 16);
    for (std::uint16_t at : exceptions) {
        out.write(at, 16);
        out.write(std::bit_cast<std::uint64_t>(values[at]), 64);
    }
    return true;
}

void alpDecode(BitReader &in, std::size_t count, double *values)
{
    const int e = std::min(int(in.read(5)), kMaxExponent);
    const bool delta = in.readBit();
    const int width = int(in.read(7));
    const std::int64_t base = unzigzag(in.read(64));
    const double divisor = kPow10[size_t(e)];
    if (delta) {
        std::int64_t k = unzigzag(in.read(64));
        if (count > 0)
            values[0] = double(k) / divisor;
        for (std::size_t i = 1; i < count; ++i) {
            k += base + std::int64_t(in.read(width));
            values[i] = double(k) / divisor;
        }
    } else {
        for (std::size_t i = 0; i < count; ++i)
            values[i] = double(base + std::int64_t(in.read(width))) / divisor;
    }
    const std::size_t exceptions = in.read(16);
    for (std::size_t x = 0; x < exceptions; ++x) {
        const std::size_t at = in.read(16);
        const std::uint64_t bits = in.read(64);
        if (at < count)
            values[at] = std::bit_cast<double>(bits);
    }
}

} // namespace kafkascope::series
