#pragma once
// The demo cluster's Schema Registry endpoint: a read-only Confluent-compatible REST API on a
// loopback port serving the schemas of the demo's registry-framed topics, so the app decodes
// them (and the Schemas panel lists them) with no setup. It runs on a thread of its own, as
// the demo starts off the UI thread and decoding threads ask it while the UI thread is busy.

#include "decoding/schema_registry_client.h"

#include <QList>
#include <QString>
#include <memory>

class QThread;

namespace kafkascope {

struct DemoSchema
{
    QString subject;
    int version = 1;
    qint32 id = 0;
    QString type; // AVRO, PROTOBUF or JSON
    QByteArray text;
    QList<SchemaReference> references;
    QString compatibility; // the subject's own level; empty: the registry's global one
};

class DemoRegistry
{
public:
    explicit DemoRegistry(QList<DemoSchema> schemas);
    ~DemoRegistry(); // stops serving; answers are in memory, so nothing waits on a client
    DemoRegistry(const DemoRegistry &) = delete;
    DemoRegistry &operator=(const DemoRegistry &) = delete;

    bool start(QString *error); // listens on a free loopback port
    QString url() const;        // "http://127.0.0.1:<port>"

    // The answer to one GET path (status, JSON body); public for the unit of the server.
    static std::pair<int, QByteArray> answer(const QList<DemoSchema> &schemas, const QString &path);

private:
    QList<DemoSchema> m_schemas;
    std::unique_ptr<QThread> m_thread;
    class Server;
    Server *m_server = nullptr; // lives on m_thread
    quint16 m_port = 0;
};

} // namespace kafkascope
