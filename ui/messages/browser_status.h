#pragma once
// The message browser's status lines, composed from what a look-up or a filter run found:
// plain functions of their inputs, so the words can be read (and tested) apart from the panel.

#include "messages/message_reader.h"

#include <QString>

namespace kafkascope {

struct OffsetsSnapshot;

// What a range holds, in the words of the start position that made it, so an empty table is
// never a riddle ("alarms: no messages in range (from the beginning, 2 partitions): the topic
// is empty"). `polled` is the offset poller's latest round: what the topic holds beside it.
QString describeRange(const QString &topic, qint64 total, const StartPosition &start, int partitions,
                      const OffsetsSnapshot &polled);

// How a filter run ended: matches, scanned, and whatever stopped it or could not be decoded.
struct ScanOutcome
{
    qsizetype matches = 0;
    qint64 scanned = 0;
    int matchCap = 0;      // the run stops at this many matches
    bool truncated = false; // it did
    bool cancelled = false;
    QString error;
    QString decodeNote;    // records that could not be decoded, and why
    bool isProblem() const { return !error.isEmpty() || !decodeNote.isEmpty(); }
};
QString describeScan(const ScanOutcome &outcome);

} // namespace kafkascope
