#pragma once
// Runs a topic's decoders over records as they are read (browser pages, live tail, filter scans,
// export) and keeps the outcome on the record, so each is decoded once, on the thread that
// read it.

#include "decoding/record_decoder.h"
#include "messages/kafka_message.h"

namespace kafkascope {

// What the decoders make of a consumed record (null when it reads as it is).
std::shared_ptr<const DecodedRecord> decodeRecord(RecordDecoder &decoder, const rd_kafka_message_t *m);
// Sets message->decoded from its own bytes.
void attachDecoded(RecordDecoder &decoder, KafkaMessage *message);
void attachDecoded(RecordDecoder &decoder, QList<KafkaMessage> *messages);

} // namespace kafkascope
