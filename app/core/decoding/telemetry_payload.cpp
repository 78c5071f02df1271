#include "decoding/telemetry_payload.h"

#include "decoding/registry_framing.h"
#include "telemetry/telemetry_decoder.h"

namespace kafkascope {

TelemetryPayload::TelemetryPayload(std::shared_ptr<SchemaRegistryClient> registry) : m_decoder(std::move(registry)) {}

TelemetryPayload::Result TelemetryPayload::prepare(const DecoderChoice &choice, const HeaderViews &headers, RawMessage &raw)
{
    Result result = Result::Unchanged;
    // ThingsBoard's rule-engine Kafka node: the data as JSON, the metadata in headers.
    if (!headers.empty() && readRuleNodeHeaders(headers, &m_headers)) {
        m_device = m_headers.deviceName();
        raw.device = m_device;
        raw.hasDevice = true;
        if (m_headers.timestampMs >= 0)
            raw.kafkaTimestampMs = m_headers.timestampMs;
        result = Result::Rewritten;
    }
    const bool plain = (choice.kind == DecoderKind::Auto && !looksRegistryFramed(raw.value))
                       || choice.kind == DecoderKind::Json;
    if (plain)
        return result; // simdjson reads it as it is: no copy

    if (!m_decoder.decode(raw.value, choice, &m_decoded)) {
        m_failure = m_decoded.error;
        raw.failure = &m_failure;
        return Result::Failed;
    }
    if (m_decoded.thingsBoard) {
        if (!m_decoded.record.carriesTelemetry())
            return Result::NotTelemetry; // entity events, RPC, alarms: no device values
        raw.value = m_decoded.record.data;
        m_device = m_decoded.record.deviceName();
        raw.device = m_device;
        raw.hasDevice = !m_device.empty();
        if (m_decoded.record.timestampMs >= 0)
            raw.kafkaTimestampMs = m_decoded.record.timestampMs;
        return Result::Rewritten;
    }
    if (!m_decoded.json) {
        m_failure = QStringLiteral("a %1 value carries no telemetry (choose a structured decoder)").arg(decoderKindName(m_decoded.kind));
        raw.failure = &m_failure;
        return Result::Failed;
    }
    raw.value = m_decoded.text;
    return Result::Rewritten;
}

} // namespace kafkascope
