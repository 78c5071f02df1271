#pragma once
// The bit-level writer and reader under the series block codecs: bits appended to and read
// from 64-bit words, most significant first within each value. Header-only so the codecs'
// inner loops inline them.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace kafkascope::series {

class BitWriter
{
public:
    // Appends the low `bits` bits of value (0 <= bits <= 64).
    void write(std::uint64_t value, int bits)
    {
        if (bits == 0)
            return;
        if (bits < 64)
            value &= (std::uint64_t(1) << bits) - 1;
        const int used = int(m_bits & 63);
        if (used == 0)
            m_words.push_back(0);
        const int room = 64 - used;
        if (bits <= room) {
            m_words.back() |= value << (room - bits);
        } else {
            m_words.back() |= value >> (bits - room);
            m_words.push_back(value << (64 - (bits - room)));
        }
        m_bits += std::size_t(bits);
    }
    void writeBit(bool bit) { write(bit ? 1 : 0, 1); }
    std::size_t bitCount() const { return m_bits; }
    std::vector<std::uint64_t> take()
    {
        m_bits = 0;
        return std::move(m_words);
    }

private:
    std::vector<std::uint64_t> m_words;
    std::size_t m_bits = 0;
};

class BitReader
{
public:
    BitReader(const std::uint64_t *words, std::size_t wordCount) : m_words(words), m_count(wordCount) {}

    // Reads `bits` bits (0 <= bits <= 64); past the end reads zeros.
    std::uint64_t read(int bits)
    {
        if (bits == 0)
            return 0;
        const std::size_t word = m_pos >> 6;
        const int used = int(m_pos & 63);
        const int room = 64 - used;
        m_pos += std::size_t(bits);
        const std::uint64_t first = word < m_count ? m_words[word] : 0;
        std::uint64_t value;
        if (bits <= room) {
            value = (first << used) >> (64 - bits);
        } else {
            const std::uint64_t second = word + 1 < m_count ? m_words[word + 1] : 0;
            value = ((first << used) >> (64 - bits)) | (second >> (64 - (bits - room)));
        }
        return value;
    }
    bool readBit() { return read(1) != 0; }

private:
    const std::uint64_t *m_words;
    std::size_t m_count;
    std::size_t m_pos = 0;
};

inline std::uint64_t zigzag(std::int64_t v)
{
    return (std::uint64_t(v) << 1) ^ std::uint64_t(v >> 63);
}
inline std::int64_t unzigzag(std::uint64_t v)
{
    return std::int64_t(v >> 1) ^ -std::int64_t(v & 1);
}
// Bits needed to hold v (0 for 0).
inline int bitWidth(std::uint64_t v)
{
    return int(std::bit_width(v));
}

} // namespace kafkascope::series
