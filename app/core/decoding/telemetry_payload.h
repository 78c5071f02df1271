#pragma once
// The step between a consumed record and the telemetry decoder: decodes a registry-framed or
// Protobuf value to JSON with the topic's decoder choice, takes device and time from
// ThingsBoard's queue envelope or from its rule-engine node's tb_msg_md_* headers, and hands
// the telemetry decoder a RawMessage it reads like any JSON record. Plain JSON passes
// through untouched. One instance per consume thread.

#include "decoding/decoder_choice.h"
#include "decoding/payload_decoder.h"
#include "decoding/thingsboard_message.h"

#include <memory>
#include <string>

namespace kafkascope {

struct RawMessage;
class SchemaRegistryClient;

class TelemetryPayload
{
public:
    enum class Result { Unchanged, Rewritten, NotTelemetry, Failed };

    explicit TelemetryPayload(std::shared_ptr<SchemaRegistryClient> registry = {});

    // Prepares `raw` (its views then point into this object until the next call). Failed:
    // raw.failure names the reason, and the telemetry decoder records it as the message's error.
    Result prepare(const DecoderChoice &choice, const HeaderViews &headers, RawMessage &raw);
    const DecodeCounts &counts() const { return m_decoder.counts(); }

private:
    PayloadDecoder m_decoder;
    DecodedPayload m_decoded;
    ThingsBoardRecord m_headers;
    std::string m_device;
    QString m_failure;
};

} // namespace kafkascope
