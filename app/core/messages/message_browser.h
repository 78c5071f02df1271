#pragma once
// The browser's engine for one cluster: resolves where to start, fetches pages on demand
// (newest request first, so fast scrolling never queues a backlog), follows a live tail and
// runs filter scans, each on its own thread with its own group-less consumer. Requests are
// thread-safe calls; answers are signals carrying the caller's generation number, so the UI
// drops stale ones.

#include "messages/message_filter.h"
#include "messages/message_reader.h"

#include <QMutex>
#include <QObject>
#include <QThreadPool>
#include <QWaitCondition>
#include <atomic>
#include <memory>

namespace kafkascope {

class MessageBrowser : public QObject
{
    Q_OBJECT
public:
    explicit MessageBrowser(const ConnectionProfile &profile, QObject *parent = nullptr);
    ~MessageBrowser() override;

    // Resolves the ranges to browse (partitions empty = all of them). Answer: opened().
    void open(quint64 generation, const QString &topic, const QList<int> &partitions, const StartPosition &start);
    // Asks for the records of [from, to) of one partition. Answer: pageReady().
    void requestPage(quint64 generation, const QString &topic, int partition, qint64 from, qint64 to);
    // Follows new records from the current end. Answer: tailBatch() about 5 times a second.
    void startTail(quint64 generation, const QString &topic, const QList<int> &partitions);
    void stopTail();
    // Reads `ranges` through the filter, keeping at most maxMatches. Answers: scanProgress(),
    // scanFinished().
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
                      bool cancelled, bool truncated, const QString &error);

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
    };
    void pageLoop();

    ConnectionProfile m_profile;
    QThread *m_pageThread = nullptr;
    QMutex m_mutex;
    QWaitCondition m_wake;
    QList<Request> m_pending; // guarded by m_mutex
    bool m_quit = false;      // guarded by m_mutex
    QThreadPool m_pool;       // tail and scans: long jobs kept off the global pool
    // One flag per job, so stopping an old job never races with starting the next.
    std::shared_ptr<std::atomic_bool> m_stopTail;
    std::shared_ptr<std::atomic_bool> m_cancelScan;
};

} // namespace kafkascope

Q_DECLARE_METATYPE(kafkascope::RangeLookup)
