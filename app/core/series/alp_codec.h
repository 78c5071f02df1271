#pragma once
// ALP-style encoding of decimal-origin doubles (Afroozeh, Kuffo and Boncz, "ALP: Adaptive
// Lossless floating-Point Compression", SIGMOD 2024): values such as 25.23 or 52.543222 are
// exactly k / 10^e for a small integer k, so a block stores one exponent e and the integers,
// bit-packed against their minimum (frame of reference) or, for random walks and counters,
// as packed differences, whichever is smaller. Values that do not round-trip bit for bit
// (NaN, infinities, -0.0, full-precision noise) are kept aside as exceptions.

#include "series/bit_stream.h"

#include <cstddef>

namespace kafkascope::series {

// Writes the values when at most `maxExceptions` of them fail to round-trip as decimals and
// returns true; otherwise writes nothing and returns false.
bool alpEncode(const double *values, std::size_t count, std::size_t maxExceptions, BitWriter &out);
void alpDecode(BitReader &in, std::size_t count, double *values);

} // namespace kafkascope::series
