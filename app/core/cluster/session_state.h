#pragma once
// The connection state a cluster session is in, and the rules that move it: kept apart
// from the session so they can be unit-tested without a broker.

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace kafkascope {

enum class SessionState { Disconnected, Connecting, Connected, Degraded };
QString displayName(SessionState state);
struct SessionStatus;
// The one text for a session's state that every view shows ("Disconnected, retrying",
// "Disconnected, not retrying"): whether it retries comes from the status, never a view.
QString describe(const SessionStatus &status);

struct SessionStatus
{
    SessionState state = SessionState::Disconnected;
    QString lastError;  // why it is Disconnected or Degraded; empty otherwise
    bool retrying = false; // Disconnected but trying again by itself
    QDateTime since;
    bool operator==(const SessionStatus &o) const
    {
        return state == o.state && lastError == o.lastError && retrying == o.retrying;
    }
};

class SessionStateMachine
{
public:
    const SessionStatus &status() const { return m_status; }
    SessionState state() const { return m_status.state; }

    // Each returns true when the visible status changed.
    bool start();                                    // user asked to connect
    bool metadataSucceeded(const QString &degradedReason); // empty reason: healthy
    bool metadataFailed(const QString &error);       // no answer from any broker
    bool allBrokersDown(const QString &error);       // librdkafka lost every connection
    bool failedToStart(const QString &error);        // bad configuration: no retry
    bool stop();                                     // user disconnected

private:
    bool set(SessionState state, const QString &error, bool retrying);
    SessionStatus m_status;
};

} // namespace kafkascope

Q_DECLARE_METATYPE(kafkascope::SessionStatus)
