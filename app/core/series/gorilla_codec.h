#pragma once
// Gorilla's XOR encoding of doubles (Pelkonen et al., "Gorilla: A Fast, Scalable, In-Memory
// Time Series Database", VLDB 2015, section 4.1.2): each value is XORed with the previous
// one and only the meaningful bits of the difference are written. Works on any bit pattern
// (NaN payloads, infinities, -0.0), so it is the fallback for values that are not decimals.

#include "series/bit_stream.h"

#include <cstddef>
#include <cstdint>

namespace kafkascope::series {

void gorillaEncode(const std::uint64_t *bits, std::size_t count, BitWriter &out);
void gorillaDecode(BitReader &in, std::size_t count, std::uint64_t *bits);

} // namespace kafkascope::series
