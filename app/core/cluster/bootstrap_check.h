#pragma once
// A running session's look at its bootstrap servers (endpoint_probe), off the session's
// thread, so the session's error names what librdkafka words badly: "connection refused",
// "no answer from HOST:PORT within N s", "not a Kafka broker (it answered like HTTP)".
// One look at a time. Destroying it cuts the look's channel and never waits for it: the
// look ends by itself within its timeout and reports nothing after that.

#include "profiles/connection_profile.h"

#include <QObject>
#include <QString>
#include <memory>
#include <optional>

namespace kafkascope {

class BootstrapCheck : public QObject
{
    Q_OBJECT
public:
    BootstrapCheck(const ConnectionProfile &profile, int timeoutMs, QObject *parent = nullptr);
    ~BootstrapCheck() override;

    // Starts a look unless one is running.
    void start();
    // The latest finished look, readable at any time on the owner's thread, even while it is
    // blocked (the session's metadata request): empty when a broker answered like Kafka (or
    // TLS accepted the connection), else what is wrong; nullopt before the first look ends.
    std::optional<QString> latest() const;
    // Drops the latest verdict (a broker answered since): the next failure is looked at anew.
    void forget();
    // Waits up to `ms` for the running look (a refused or HTTP port answers in milliseconds).
    // For the session's worker thread only, never the UI thread.
    std::optional<QString> waitForLook(int ms);
    int timeoutMs() const { return m_timeoutMs; }

signals:
    // Queued to the owner's thread when a look ends; `problem` as in latest().
    void finished(const QString &problem);

private:
    struct Channel;
    const ConnectionProfile m_profile;
    const int m_timeoutMs;
    std::shared_ptr<Channel> m_channel;
};

} // namespace kafkascope
