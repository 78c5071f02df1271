#include "messages/message_producer.h"

#include "kafka/kafka_config.h"

#include <QElapsedTimer>
#include <QObject>
#include <librdkafka/rdkafka.h>

namespace kafkascope {

QString ProduceReport::summary() const
{
    QString s = QObject::tr("%1 sent, %2 acknowledged, %3 failed").arg(sent).arg(acked).arg(failed);
    if (cancelled)
        s += QObject::tr(" (cancelled)");
    if (!error.isEmpty())
        s += u". " + error;
    return s;
}

int topicPartitionCount(rd_kafka_t *rk, const QString &topic, QString *error, int timeoutMs)
{
    // All-topics metadata: asking for one topic could auto-create it on some brokers.
    const rd_kafka_metadata_t *md = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 1, nullptr, &md, timeoutMs);
    MetadataPtr owner(md);
    if (err) {
        *error = QObject::tr("Cannot read the cluster's metadata: %1").arg(kafkaErrorText(err));
        return -1;
    }
    const QByteArray name = topic.toUtf8();
    for (int i = 0; i < md->topic_cnt; ++i) {
        if (name == md->topics[i].topic) {
            if (md->topics[i].err) {
                *error = QObject::tr("Topic %1: %2").arg(topic, kafkaErrorText(md->topics[i].err));
                return -1;
            }
            return md->topics[i].partition_cnt;
        }
    }
    *error = QObject::tr("Topic %1 does not exist on this cluster").arg(topic);
    return -1;
}

MessageProducer::MessageProducer(const ConnectionProfile &profile)
{
    ConfPtr conf = makeKafkaConf(kafkaProperties(profile),
                                 {{QStringLiteral("enable.idempotence"), QStringLiteral("true")},
                                  {QStringLiteral("linger.ms"), QStringLiteral("5")},
                                  {QStringLiteral("message.timeout.ms"), QStringLiteral("30000")},
                                  // Same key -> same partition as Java clients.
                                  {QStringLiteral("partitioner"), QStringLiteral("murmur2_random")}},
                                 &m_error);
    if (!conf)
        return;
    rd_kafka_conf_set_dr_msg_cb(conf.get(), &MessageProducer::onDelivery);
    rd_kafka_conf_set_opaque(conf.get(), this);
    char errstr[512];
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof errstr);
    if (!rk) {
        m_error = QString::fromUtf8(errstr);
        return;
    }
    conf.release();
    m_rk.reset(rk);
}

MessageProducer::~MessageProducer() = default;

int MessageProducer::partitionCount(const QString &topic, QString *error, int timeoutMs)
{
    return topicPartitionCount(m_rk.get(), topic, error, timeoutMs);
}

void MessageProducer::onDelivery(rd_kafka_t *, const rd_kafka_message_t *m, void *opaque)
{
    ProduceReport *r = static_cast<MessageProducer *>(opaque)->m_current;
    if (!r)
        return;
    if (m->err) {
        ++r->failed;
        if (r->error.isEmpty())
            r->error = QObject::tr("Message %1 was not written: %2")
                           .arg(reinterpret_cast<qintptr>(m->_private) + 1).arg(kafkaErrorText(m->err));
    } else {
        ++r->acked;
        if (r->delivered.size() < 1000)
            r->delivered.append({m->partition, m->offset});
    }
}

ProduceReport MessageProducer::produce(const QString &topic,
                                       const std::function<bool(OutgoingMessage *, QString *)> &next,
                                       const std::function<void(const ProduceProgress &)> &progress,
                                       const std::atomic_bool *cancel)
{
    ProduceReport report;
    if (!m_rk) {
        report.error = m_error;
        return report;
    }
    const int partitions = partitionCount(topic, &report.error);
    if (partitions < 0)
        return report;
    m_current = &report;
    const QByteArray name = topic.toUtf8();
    QElapsedTimer tick;
    tick.start();
    auto report_progress = [&] {
        if (progress)
            progress({report.sent, report.acked, report.failed});
    };
    OutgoingMessage m;
    QString inputError;
    while (report.failed == 0) {
        if (cancel && cancel->load()) {
            report.cancelled = true;
            break;
        }
        if (!next(&m, &inputError)) {
            if (!inputError.isEmpty())
                report.error = inputError;
            break;
        }
        if (m.partition >= partitions) {
            report.error = QObject::tr("Message %1: partition %2 does not exist (%3 has %4)")
                               .arg(report.sent + 1).arg(m.partition).arg(topic).arg(partitions);
            break;
        }
        rd_kafka_headers_t *headers = makeRdHeaders(m.headers);
        rd_kafka_resp_err_t err;
        for (;;) {
            err = rd_kafka_producev(
                m_rk.get(), RD_KAFKA_V_TOPIC(name.constData()),
                RD_KAFKA_V_PARTITION(m.partition < 0 ? RD_KAFKA_PARTITION_UA : m.partition),
                RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                RD_KAFKA_V_KEY(m.keyNull ? nullptr : m.key.constData(), m.keyNull ? 0 : size_t(m.key.size())),
                RD_KAFKA_V_VALUE(m.valueNull ? nullptr : const_cast<char *>(m.value.constData()),
                                 m.valueNull ? 0 : size_t(m.value.size())),
                RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_TIMESTAMP(m.timestamp),
                RD_KAFKA_V_OPAQUE(reinterpret_cast<void *>(qintptr(report.sent))), RD_KAFKA_V_END);
            if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL)
                break;
            rd_kafka_poll(m_rk.get(), 50);
        }
        if (err) {
            if (headers)
                rd_kafka_headers_destroy(headers);
            ++report.failed;
            report.error = QObject::tr("Message %1 was not sent: %2").arg(report.sent + 1).arg(kafkaErrorText(err));
            break;
        }
        ++report.sent;
        rd_kafka_poll(m_rk.get(), 0);
        if (tick.elapsed() > 100) {
            report_progress();
            tick.restart();
        }
    }
    // Wait for every outstanding delivery report so the counts are final.
    while (rd_kafka_outq_len(m_rk.get()) > 0) {
        rd_kafka_flush(m_rk.get(), 100);
        report_progress();
    }
    rd_kafka_poll(m_rk.get(), 0);
    report_progress();
    m_current = nullptr;
    return report;
}

} // namespace kafkascope
