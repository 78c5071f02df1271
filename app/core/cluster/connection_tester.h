#pragma once
// "Test connection": one short-lived client that fetches metadata once, off the UI thread.

#include "profiles/connection_profile.h"

#include <QFuture>

namespace kafkascope {

struct ConnectionTestResult
{
    bool ok = false;
    int brokerCount = 0;
    int topicCount = 0;
    QString clusterId;
    QString error; // the exact cause when !ok
    qint64 elapsedMs = 0;
    QString summary() const; // one line for the dialog
};

ConnectionTestResult testConnection(const ConnectionProfile &profile, int timeoutMs = 10000);
QFuture<ConnectionTestResult> testConnectionAsync(const ConnectionProfile &profile,
                                                  int timeoutMs = 10000);

} // namespace kafkascope
