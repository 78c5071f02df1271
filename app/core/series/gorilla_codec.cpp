#include "series/gorilla_codec.h"

#include <bit>

namespace kafkascope::series {

// Layout: the first value in 64 bits; then per value '0' when equal to the previous one,
// '10' + the XOR's meaningful bits when they fit the previous window, else '11' + 6 bits of
// leading zeros + 6 bits of (length - 1) + the meaningful bits. The paper caps leading
// zeros at 31 in 5 bits; 6 bits keep every window exact at the cost of one bit.
void gorillaEncode(const std::uint64_t *bits, std::size_t count, BitWriter &out)
{
    if (count == 0)
        return;
    out.write(bits[0], 64);
    int lead = -1, trail = 0; // the window of the previous written XOR (none yet)
    for (std::size_t i = 1; i < count; ++i) {
        const std::uint64_t x = bits[i] ^ bits[i - 1];
        if (x == 0) {
            out.writeBit(false);
            continue;
        }
        const int l = std::countl_zero(x), t = std::countr_zero(x);
        if (lead >= 0 && l >= lead && t >= trail) {
            out.write(0b10, 2);
            out.write(x >> trail, 64 - lead - trail);
            continue;
        }
        lead = l;
        trail = t;
        const int length = 64 - l - t;
        out.write(0b11, 2);
        out.write(std::uint64_t(l), 6);
        out.write(std::uint64_t(length - 1), 6);
        out.write(x >> t, length);
    }
}

void gorillaDecode(BitReader &in, std::size_t count, std::uint64_t *bits)
{
    if (count == 0)
        return;
    bits[0] = in.read(64);
    int lead = 0, trail = 0;
    for (std::size_t i = 1; i < count; ++i) {
        if (!in.readBit()) {
            bits[i] = bits[i - 1];
            continue;
        }
        if (in.readBit()) {
            lead = int(in.read(6));
            const int length = int(in.read(6)) + 1;
            trail = 64 - lead - length;
        }
        const std::uint64_t x = in.read(64 - lead - trail) << trail;
        bits[i] = bits[i - 1] ^ x;
    }
}

} // namespace kafkascope::series
