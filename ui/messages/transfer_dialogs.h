#pragma once
// The interactive export and import of messages: ask for the file, run the transfer as a job
// behind a progress dialog with Cancel, report. They return at once (no nested event loop);
// closing the window mid-transfer drops the report and never waits for the job.

#include "messages/message_transfer.h"

class QWidget;

namespace kafkascope {

namespace transfer_dialogs {
void exportMessages(QWidget *parent, const ConnectionProfile &profile, const QString &topic,
                    const QList<PartitionRange> &ranges, const QList<KafkaMessage> &selected, bool allLoaded,
                    const TopicDecoding &decoding = {});
void importMessages(QWidget *parent, const ConnectionProfile &profile, const QString &topic);
} // namespace transfer_dialogs

} // namespace kafkascope
