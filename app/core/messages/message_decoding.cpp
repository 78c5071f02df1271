#include "messages/message_decoding.h"

#include <librdkafka/rdkafka.h>

namespace kafkascope {

namespace {
std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), size_t(bytes.size())};
}
} // namespace

std::shared_ptr<const DecodedRecord> decodeRecord(RecordDecoder &decoder, const rd_kafka_message_t *m)
{
    return decoder.decode({static_cast<const char *>(m->key), m->key_len}, m->key == nullptr,
                          {static_cast<const char *>(m->payload), m->len}, m->payload == nullptr);
}

void attachDecoded(RecordDecoder &decoder, KafkaMessage *message)
{
    message->decoded = decoder.decode(view(message->key), message->keyNull, view(message->value), message->valueNull);
}

void attachDecoded(RecordDecoder &decoder, QList<KafkaMessage> *messages)
{
    for (KafkaMessage &m : *messages)
        attachDecoded(decoder, &m);
}

} // namespace kafkascope
