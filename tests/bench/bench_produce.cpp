#include "bench_produce.h"

#include "kafka/kafka_handles.h"

#include <cstdio>
#include <librdkafka/rdkafka.h>
#include <utility>

using namespace kafkascope;

int produceBenchMessages(const QString &bootstrap, const QString &topic, qint64 count,
                         const std::function<void(qint64 i, QByteArray *key, QByteArray *value)> &make)
{
    char errstr[512];
    ConfPtr conf(rd_kafka_conf_new());
    const QByteArray servers = bootstrap.toUtf8();
    const std::pair<const char *, const char *> props[] = {
        {"bootstrap.servers", servers.constData()}, {"linger.ms", "50"},      {"batch.num.messages", "10000"},
        {"batch.size", "1000000"},                 {"queue.buffering.max.messages", "1000000"}, {"acks", "1"},
    };
    for (const auto &[k, v] : props)
        if (rd_kafka_conf_set(conf.get(), k, v, errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
            std::fprintf(stderr, "%s\n", errstr);
            return 1;
        }
    KafkaPtr rk(rd_kafka_new(RD_KAFKA_PRODUCER, conf.release(), errstr, sizeof errstr));
    if (!rk) {
        std::fprintf(stderr, "%s\n", errstr);
        return 1;
    }
    const QByteArray t = topic.toUtf8();
    QByteArray key, value;
    for (qint64 i = 0; i < count; ++i) {
        make(i, &key, &value);
        rd_kafka_resp_err_t err;
        while ((err = rd_kafka_producev(rk.get(), RD_KAFKA_V_TOPIC(t.constData()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                        RD_KAFKA_V_KEY(key.constData(), size_t(key.size())),
                                        RD_KAFKA_V_VALUE(const_cast<char *>(value.constData()), size_t(value.size())),
                                        RD_KAFKA_V_END))
               == RD_KAFKA_RESP_ERR__QUEUE_FULL)
            rd_kafka_poll(rk.get(), 10);
        if (err) {
            std::fprintf(stderr, "produce: %s\n", rd_kafka_err2str(err));
            return 1;
        }
        rd_kafka_poll(rk.get(), 0);
    }
    if (rd_kafka_flush(rk.get(), 120000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        std::fprintf(stderr, "flush timed out\n");
        return 1;
    }
    std::printf("produced: %lld\n", count);
    return 0;
}

kafkascope::ConnectionProfile benchProfile(const QString &bootstrap)
{
    kafkascope::ConnectionProfile p;
    p.id = QStringLiteral("bench");
    p.name = QStringLiteral("bench");
    p.bootstrapServers = bootstrap;
    return p;
}
