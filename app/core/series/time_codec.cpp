#include "series/time_codec.h"

#include "series/gorilla_codec.h"

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

namespace kafkascope::series {

namespace {

constexpr std::array<double, 3> kScales = {1.0, 1e3, 1e6};
constexpr double kLimit = 4503599627370496.0; // 2^52: integers exact as doubles
constexpr int kXor = 3;                       // scale code of the XOR fallback

bool toIntegers(const double *times, std::size_t count, double scale, std::vector<std::int64_t> &out)
{
    out.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        const double scaled = times[i] * scale;
        if (!(std::fabs(scaled) < kLimit))
            return false;
        const std::int64_t k = std::llrint(scaled);
        if (std::bit_cast<std::uint64_t>(double(k) / scale) != std::bit_cast<std::uint64_t>(times[i]))
            return false;
        out[i] = k;
    }
    return true;
}

// The packing width that makes the delta-of-deltas cheapest: each costs a flag bit and
// `width` bits, or the flag and 64 bits when it does not fit.
int chooseWidth(const std::vector<std::uint64_t> &zz)
{
    std::array<std::size_t, 66> atWidth{};
    for (std::uint64_t z : zz)
        ++atWidth[size_t(bitWidth(z))];
    int best = 64;
    std::size_t bestCost = SIZE_MAX, fitting = 0;
    for (int w = 0; w <= 64; ++w) {
        fitting += atWidth[size_t(w)];
        const std::size_t cost = fitting * size_t(w) + (zz.size() - fitting) * 64;
        if (cost < bestCost) {
            bestCost = cost;
            best = w;
        }
    }
    return best;
}

} // namespace

// Layout: 2 bits scale code (0 s, 1 ms, 2 us, 3 XOR). Integer scales: 64 bits first (zigzag),
// 64 bits first delta (zigzag), 7 bits width, then per further time a flag bit and either
// `width` bits or 64 bits of zigzag delta-of-delta. XOR: the Gorilla value encoding.
void timeEncode(const double *times, std::size_t count, BitWriter &out)
{
    std::vector<std::int64_t> ints;
    int code = kXor;
    for (int c = 0; c < int(kScales.size()); ++c)
        if (toIntegers(times, count, kScales[size_t(c)], ints)) {
            code = c;
            break;
        }
    out.write(std::uint64_t(code), 2);
    if (code == kXor) {
        std::vector<std::uint64_t> bits(count);
        for (std::size_t i = 0; i < count; ++i)
            bits[i] = std::bit_cast<std::uint64_t>(times[i]);
        gorillaEncode(bits.data(), count, out);
        return;
    }
    if (count == 0)
        return;
    out.write(zigzag(ints[0]), 64);
    if (count == 1)
        return;
    out.write(zigzag(ints[1] - ints[0]), 64);
    std::vector<std::uint64_t> zz;
    zz.reserve(count);
    for (std::size_t i = 2; i < count; ++i)
        zz.push_back(zigzag((ints[i] - ints[i - 1]) - (ints[i - 1] - ints[i - 2])));
    const int width = chooseWidth(zz);
    out.write(std::uint64_t(width), 7);
    for (std::uint64_t z : zz) {
        const bool fits = bitWidth(z) <= width;
        out.writeBit(!fits);
        out.write(z, fits ? width : 64);
    }
}

void timeDecode(BitReader &in, std::size_t count, double *times)
{
    const int code = int(in.read(2));
    if (code == kXor) {
        std::vector<std::uint64_t> bits(count);
        gorillaDecode(in, count, bits.data());
        for (std::size_t i = 0; i < count; ++i)
            times[i] = std::bit_cast<double>(bits[i]);
        return;
    }
    if (count == 0)
        return;
    const double scale = kScales[size_t(code)];
    std::int64_t k = unzigzag(in.read(64));
    times[0] = double(k) / scale;
    if (count == 1)
        return;
    std::int64_t delta = unzigzag(in.read(64));
    k += delta;
    times[1] = double(k) / scale;
    const int width = int(in.read(7));
    for (std::size_t i = 2; i < count; ++i) {
        const bool wide = in.readBit();
        delta += unzigzag(in.read(wide ? 64 : width));
        k += delta;
        times[i] = double(k) / scale;
    }
}

} // namespace kafkascope::series
