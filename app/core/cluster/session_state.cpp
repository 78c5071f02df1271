#include "cluster/session_state.h"

namespace kafkascope {

QString displayName(SessionState state)
{
    switch (state) {
    case SessionState::Disconnected: return QStringLiteral("Disconnected");
    case SessionState::Connecting: return QStringLiteral("Connecting");
    case SessionState::Connected: return QStringLiteral("Connected");
    case SessionState::Degraded: return QStringLiteral("Degraded");
    }
    return {};
}

QString describe(const SessionStatus &status)
{
    if (status.state != SessionState::Disconnected)
        return displayName(status.state);
    if (status.retrying)
        return QStringLiteral("Disconnected, retrying");
    if (!status.lastError.isEmpty())
        return QStringLiteral("Disconnected, not retrying");
    return displayName(status.state);
}

bool SessionStateMachine::set(SessionState state, const QString &error, bool retrying)
{
    SessionStatus next{state, error, retrying, m_status.since};
    if (next == m_status)
        return false;
    if (next.state != m_status.state)
        next.since = QDateTime::currentDateTimeUtc();
    m_status = next;
    return true;
}

bool SessionStateMachine::start()
{
    if (m_status.state != SessionState::Disconnected || m_status.retrying)
        return false;
    return set(SessionState::Connecting, {}, false);
}

bool SessionStateMachine::metadataSucceeded(const QString &degradedReason)
{
    if (m_status.state == SessionState::Disconnected && !m_status.retrying)
        return false; // stopped: a late answer must not revive the session
    return degradedReason.isEmpty() ? set(SessionState::Connected, {}, false)
                                    : set(SessionState::Degraded, degradedReason, false);
}

bool SessionStateMachine::metadataFailed(const QString &error)
{
    if (m_status.state == SessionState::Disconnected && !m_status.retrying)
        return false;
    return set(SessionState::Disconnected, error, true);
}

bool SessionStateMachine::allBrokersDown(const QString &error)
{
    return metadataFailed(error);
}

bool SessionStateMachine::failedToStart(const QString &error)
{
    return set(SessionState::Disconnected, error, false);
}

bool SessionStateMachine::stop()
{
    return set(SessionState::Disconnected, {}, false);
}

} // namespace kafkascope
