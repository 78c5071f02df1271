// libFuzzer target for the telemetry decoder: any bytes, under every format and device
// source, must decode or fail with an error, never crash, hang or read out of bounds
// (built with AddressSanitizer and UBSan).

#include "telemetry/telemetry_decoder.h"

#include <cstddef>
#include <cstdint>

using namespace kafkascope;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    // The first byte picks the options; the rest is the payload.
    const uint8_t pick = data[0];
    DecoderOptions options;
    options.format = TelemetryFormat(pick & 3);
    options.deviceSource = DeviceSource((pick >> 2) & 3);
    options.deviceField = (pick & 0x40) ? QStringLiteral("deviceName") : QStringLiteral("ts");
    options.useKafkaTimestamp = pick & 0x80;
    TelemetryDecoder decoder(options);
    DecodedBatch batch;
    RawMessage m;
    m.value = std::string_view(reinterpret_cast<const char *>(data + 1), size - 1);
    m.key = "fuzz device";
    m.topic = "fuzz";
    m.header = "fuzz header";
    m.hasHeader = pick & 0x10;
    m.kafkaTimestampMs = 1700000000000;
    // Twice: the second run goes through the reused padded buffer and parser.
    for (int i = 0; i < 2; ++i) {
        const bool ok = decoder.decode(m, batch);
        if (!ok && batch.errors().empty())
            __builtin_trap(); // a failure must always carry its reason
        for (const auto &p : batch.points())
            if (p.message >= batch.messages().size())
                __builtin_trap();
    }
    return 0;
}
