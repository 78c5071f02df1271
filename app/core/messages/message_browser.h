#pragma once
// The browser's engine for one cluster: resolves where to start, fetches pages on demand
// (newest request first, so fast scrolling never queues a backlog), follows a live tail and
// runs filter scans, each a job (JobRunner) with its own group-less consumer. Requests are
// made from the browser's thread; answers are signals on that thread carrying the caller's
// generation number, so the UI drops stale ones. Destroying the browser cuts the jobs off
// and never waits for them (a fetch from a hung broker may take 15 s).

#include "decoding/decoder_choice.h"
#include "messages/message_filter.h"
#include "messages/message_reader.h"

#include "jobs/job_channel.h"
#include "jobs/job_runner.h"

#include <QObject>
#include <memory>

namespace kafkascope {

class MessageBrowser : public QObject
{
    Q_OBJECT
public:
    explicit MessageBrowser(const ConnectionProfile &profile, QObject *parent = nullptr);
    ~MessageBrowser() override;

    // How the records asked for from now on are decoded (the open topic's choice): records
    // that need a schema carry KafkaMessage::decoded, and filters match what was decoded.
    void setDecoding(const TopicDecoding &decoding) { m_decoding = decoding; }
    const TopicDecoding &decoding() const { return m_decoding; }

    // Resolves the ranges to browse (partitions empty = all of them). Answer: opened().
    void open(quint64 generation, const QString &topic, const QList<int> &partitions, const StartPosition &start);
    // Asks for the records of [from, to) of one partition. Answer: pageReady().
    void requestPage(quint64 generation, const QString &topic, int partition, qint64 from, qint64 to);
    // Follows new records from the current end. Answer: tailBatch() about 5 times a second.
    void startTail(quint64 generation, const QString &topic, const QList<int> &partitions);
    void stopTail();
    // Reads `ranges` through the filter (on the decoded key and value where the topic's
    // decoders read them), keeping at most maxMatches. Answers: scanProgress(), scanFinished(),
    // whose decodeNote says how many records could not be decoded and why.
    void scan(quint64 generation, const QString &topic, const QList<PartitionRange> &ranges,
              const MessageFilter &filter, int maxMatches);
    void cancelScan();

    static constexpr int kMaxPendingPages = 12;

signals:
    void opened(quint64 generation, const QString &topic, const kafkascope::RangeLookup &lookup);
    void pageReady(quint64 generation, int partition, qint64 from, const QList<kafkascope::KafkaMessage> &messages,
                   const QString &error);
    void pageDropped(quint64 generation, int partition, qint64 from);
    void tailBatch(quint64 generation, const QList<kafkascope::KafkaMessage> &messages, const QString &error);
    void scanProgress(quint64 generation, qint64 scanned, qint64 total, qint64 matched);
    void scanFinished(quint64 generation, const QList<kafkascope::KafkaMessage> &matches, qint64 scanned,
                      bool cancelled, bool truncated, const QString &error, const QString &decodeNote);

private:
    struct Request
    {
        quint64 generation = 0;
        QString topic;
        bool open = false;
        QList<int> partitions;
        StartPosition start;
        int partition = 0;
        qint64 from = 0, to = 0;
        TopicDecoding decoding;
    };
    struct PageQueue;
    static void pageLoop(const std::shared_ptr<PageQueue> &queue, const ConnectionProfile &profile,
                         const std::shared_ptr<JobChannel> &channel, MessageBrowser *self);

    ConnectionProfile m_profile;
    TopicDecoding m_decoding;
    std::shared_ptr<JobChannel> m_channel; // the jobs' only way back to this object
    std::shared_ptr<PageQueue> m_pages;
    JobRunner m_jobs{QStringLiteral("browser")};
    JobHandle m_pageJob, m_tail, m_scan;
};

} // namespace kafkascope

Q_DECLARE_METATYPE(kafkascope::RangeLookup)
