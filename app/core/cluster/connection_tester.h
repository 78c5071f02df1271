#pragma once
// "Test connection": one short-lived client that fetches metadata and describes the cluster
// once, off the UI thread (the dialog's Test button and `kafkascope --test-connection`).

#include "profiles/connection_profile.h"

#include <QFuture>

namespace kafkascope {

struct ConnectionTestResult
{
    bool ok = false;
    int brokerCount = 0;
    int topicCount = 0;
    QString clusterId;
    int controllerId = -1; // -1: unknown
    QString error; // the exact cause when !ok
    qint64 elapsedMs = 0;
    QString summary() const; // one line for the dialog
};

ConnectionTestResult testConnection(const ConnectionProfile &profile, int timeoutMs = 10000);
QFuture<ConnectionTestResult> testConnectionAsync(const ConnectionProfile &profile,
                                                  int timeoutMs = 10000);

} // namespace kafkascope
