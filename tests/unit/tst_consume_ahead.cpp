// ConsumeAhead on librdkafka's mock cluster: every message arrives once, in partition
// order, with its payload intact; an idle queue gives empty batches on time; stopping
// with batches still queued destroys them cleanly.

#include "kafka/consume_ahead.h"
#include "kafka/kafka_handles.h"
#include "test_main.h"

#include <QElapsedTimer>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <map>

using namespace kafkascope;

class TestConsumeAhead : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void deliversEveryMessageOnceInOrder();
    void idleQueueGivesEmptyBatches();
    void stopsWithBatchesPending();

private:
    KafkaPtr consumerFromBeginning();
    static constexpr int kPartitions = 3;
    static constexpr int kMessages = 20000;
    KafkaPtr m_host;
    QByteArray m_bootstraps;
};

void TestConsumeAhead::init()
{
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    QCOMPARE(rd_kafka_conf_set(conf, "test.mock.num.brokers", "1", errstr, sizeof errstr), RD_KAFKA_CONF_OK);
    QCOMPARE(rd_kafka_conf_set(conf, "linger.ms", "5", errstr, sizeof errstr), RD_KAFKA_CONF_OK);
    m_host.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr));
    QVERIFY2(m_host, errstr);
    rd_kafka_mock_cluster_t *mock = rd_kafka_handle_mock_cluster(m_host.get());
    QVERIFY(mock);
    QCOMPARE(rd_kafka_mock_topic_create(mock, "t", kPartitions, 1), RD_KAFKA_RESP_ERR_NO_ERROR);
    m_bootstraps = rd_kafka_mock_cluster_bootstraps(mock);
    for (int i = 0; i < kMessages; ++i) {
        const QByteArray value = QByteArray::number(i);
        QCOMPARE(rd_kafka_producev(m_host.get(), RD_KAFKA_V_TOPIC("t"), RD_KAFKA_V_PARTITION(i % kPartitions),
                                   RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                   RD_KAFKA_V_VALUE(const_cast<char *>(value.constData()), size_t(value.size())),
                                   RD_KAFKA_V_END),
                 RD_KAFKA_RESP_ERR_NO_ERROR);
    }
    QCOMPARE(rd_kafka_flush(m_host.get(), 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
}

void TestConsumeAhead::cleanup()
{
    m_host.reset();
}

KafkaPtr TestConsumeAhead::consumerFromBeginning()
{
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", m_bootstraps.constData(), errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "group.id", "consume-ahead-test", errstr, sizeof errstr);
    rd_kafka_conf_set(conf, "enable.auto.commit", "false", errstr, sizeof errstr);
    KafkaPtr rk(rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr));
    if (!rk)
        return rk;
    PartitionListPtr list(rd_kafka_topic_partition_list_new(kPartitions));
    for (int p = 0; p < kPartitions; ++p)
        rd_kafka_topic_partition_list_add(list.get(), "t", p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(rk.get(), list.get());
    return rk;
}

void TestConsumeAhead::deliversEveryMessageOnceInOrder()
{
    KafkaPtr rk = consumerFromBeginning();
    QVERIFY(rk);
    QueuePtr queue(rd_kafka_queue_get_consumer(rk.get()));
    std::map<int, qint64> nextOffset;
    std::vector<int> seen(kMessages, 0);
    int received = 0;
    {
        ConsumeAhead ahead(queue.get(), 100, ConsumeAhead::Headers::Leave, 2);
        QElapsedTimer timer;
        timer.start();
        while (received < kMessages && timer.elapsed() < 30000) {
            for (const rd_kafka_message_t *m : ahead.next(100)) {
                QCOMPARE(m->err, RD_KAFKA_RESP_ERR_NO_ERROR);
                QCOMPARE(m->offset, nextOffset[m->partition]); // in order, none skipped
                nextOffset[m->partition] = m->offset + 1;
                const int value = QByteArray(static_cast<const char *>(m->payload), int(m->len)).toInt();
                QCOMPARE(value % kPartitions, int(m->partition));
                ++seen[size_t(value)];
                ++received;
            }
        }
    }
    QCOMPARE(received, kMessages);
    QVERIFY(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
    queue.reset();
    rd_kafka_consumer_close(rk.get());
}

void TestConsumeAhead::idleQueueGivesEmptyBatches()
{
    KafkaPtr rk = consumerFromBeginning();
    QVERIFY(rk);
    QueuePtr queue(rd_kafka_queue_get_consumer(rk.get()));
    ConsumeAhead ahead(queue.get(), 1000, ConsumeAhead::Headers::Leave, 4);
    int received = 0;
    QElapsedTimer timer;
    timer.start();
    while (received < kMessages && timer.elapsed() < 30000)
        received += int(ahead.next(100).size());
    QCOMPARE(received, kMessages);
    timer.restart();
    QVERIFY(ahead.next(200).empty()); // nothing more: waits its time, then says so
    QVERIFY(timer.elapsed() >= 150);
}

void TestConsumeAhead::stopsWithBatchesPending()
{
    KafkaPtr rk = consumerFromBeginning();
    QVERIFY(rk);
    QueuePtr queue(rd_kafka_queue_get_consumer(rk.get()));
    auto ahead = std::make_unique<ConsumeAhead>(queue.get(), 50, ConsumeAhead::Headers::Leave, 8);
    QElapsedTimer timer;
    timer.start();
    while (ahead->next(100).empty() && timer.elapsed() < 30000) {
    }
    QTRY_COMPARE_WITH_TIMEOUT(ahead->readyCount(), size_t(8), 10000); // its queue of batches is full
    ahead.reset();     // destroys the held batch and the queued ones
    // The handle is still sound: the remaining messages keep coming.
    rd_kafka_message_t *m = rd_kafka_consume_queue(queue.get(), 5000);
    QVERIFY(m);
    rd_kafka_message_destroy(m);
}

KAFKASCOPE_CORE_TEST_MAIN(TestConsumeAhead)
#include "tst_consume_ahead.moc"
