#include "kafka/kafka_config.h"
#include <librdkafka/rdkafka.h>

namespace kafkascope {

KafkaProperties kafkaProperties(const ConnectionProfile &p)
{
    KafkaProperties props;
    props.append({QStringLiteral("bootstrap.servers"), p.bootstrapServers.trimmed()});
    props.append({QStringLiteral("security.protocol"), displayName(p.security).toLower()});
    if (p.usesSasl()) {
        props.append({QStringLiteral("sasl.mechanisms"), displayName(p.saslMechanism)});
        props.append({QStringLiteral("sasl.username"), p.username});
        props.append({QStringLiteral("sasl.password"), p.password});
    }
    if (p.usesSsl()) {
        if (!p.caFile.isEmpty())
            props.append({QStringLiteral("ssl.ca.location"), p.caFile});
        if (!p.certFile.isEmpty())
            props.append({QStringLiteral("ssl.certificate.location"), p.certFile});
        if (!p.keyFile.isEmpty())
            props.append({QStringLiteral("ssl.key.location"), p.keyFile});
        if (!p.keyPassword.isEmpty())
            props.append({QStringLiteral("ssl.key.password"), p.keyPassword});
    }
    props.append({QStringLiteral("client.id"), QStringLiteral("kafkascope")});
    for (const auto &extra : p.extraProperties)
        props.append({extra.first.trimmed(), extra.second});
    return props;
}

ConfPtr makeKafkaConf(const KafkaProperties &properties, const KafkaProperties &overrides,
                      QString *error)
{
    ConfPtr conf(rd_kafka_conf_new());
    char errstr[512];
    for (const KafkaProperties *list : {&properties, &overrides}) {
        for (const auto &[key, value] : *list) {
            const QByteArray k = key.toUtf8();
            const QByteArray v = value.toUtf8();
            if (rd_kafka_conf_set(conf.get(), k.constData(), v.constData(), errstr,
                                  sizeof errstr) != RD_KAFKA_CONF_OK) {
                if (error)
                    *error = key + u": " + QString::fromUtf8(errstr);
                return nullptr;
            }
        }
    }
    return conf;
}

KafkaPtr makeKafkaClient(const ConnectionProfile &profile, rd_kafka_type_t type,
                         const KafkaProperties &overrides, QString *error, void *opaque,
                         void (*errorCallback)(rd_kafka_t *, int, const char *, void *))
{
    ConfPtr conf = makeKafkaConf(kafkaProperties(profile), overrides, error);
    if (!conf)
        return nullptr;
    if (opaque)
        rd_kafka_conf_set_opaque(conf.get(), opaque);
    if (errorCallback)
        rd_kafka_conf_set_error_cb(conf.get(), errorCallback);
    char errstr[512];
    rd_kafka_t *rk = rd_kafka_new(type, conf.get(), errstr, sizeof errstr);
    if (!rk) {
        if (error)
            *error = QString::fromUtf8(errstr);
        return nullptr;
    }
    conf.release(); // rd_kafka_new took ownership
    return KafkaPtr(rk);
}

KafkaProperties bulkConsumerProperties()
{
    return {
        {QStringLiteral("queued.min.messages"), QStringLiteral("10000000")},
        {QStringLiteral("queued.max.messages.kbytes"), QStringLiteral("262144")},
        {QStringLiteral("max.partition.fetch.bytes"), QStringLiteral("8388608")},
        {QStringLiteral("fetch.max.bytes"), QStringLiteral("67108864")},
    };
}

KafkaProperties rangeReaderConsumerProperties()
{
    return {
        {QStringLiteral("queued.min.messages"), QStringLiteral("10000000")},
        {QStringLiteral("queued.max.messages.kbytes"), QStringLiteral("65536")},
        {QStringLiteral("max.partition.fetch.bytes"), QStringLiteral("1048576")},
        {QStringLiteral("fetch.max.bytes"), QStringLiteral("8388608")},
        {QStringLiteral("fetch.queue.backoff.ms"), QStringLiteral("10")},
    };
}

} // namespace kafkascope
