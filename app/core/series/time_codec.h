#pragma once
// Timestamps of a series block: when every time is a whole number of seconds, milliseconds
// or microseconds (as Kafka and ThingsBoard times are), those integers are stored as
// delta-of-delta (Gorilla, VLDB 2015, section 4.1.1) packed at the width that suits the
// block's jitter, with rare outliers (gaps, out-of-order points) in full. Any other times
// (NaN, fractions of a microsecond) are XOR-encoded like values, so every block decodes to
// the very same bits.

#include "series/bit_stream.h"

#include <cstddef>

namespace kafkascope::series {

void timeEncode(const double *times, std::size_t count, BitWriter &out);
void timeDecode(BitReader &in, std::size_t count, double *times);

} // namespace kafkascope::series
