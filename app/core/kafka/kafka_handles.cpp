#include "kafka/kafka_handles.h"

namespace kafkascope {

QString kafkaErrorText(rd_kafka_resp_err_t err)
{
    QString name = QString::fromUtf8(rd_kafka_err2name(err));
    // librdkafka names its local (client-side) errors with a leading underscore.
    if (name.startsWith(u'_'))
        name.remove(0, 1);
    return name + u": " + QString::fromUtf8(rd_kafka_err2str(err));
}

} // namespace kafkascope
