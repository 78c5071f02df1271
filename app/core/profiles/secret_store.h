#pragma once
// Profile secrets in the OS keychain (qtkeychain). When no keychain answers, secrets are
// kept in memory for this run only and `persistent()` turns false so the UI can say so.
// Never falls back to a plain settings file.

#include <QHash>
#include <QObject>
#include <functional>

namespace kafkascope {

class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Keychain, MemoryOnly };
    // Mode::Keychain unless KAFKASCOPE_NO_KEYCHAIN=1 is set (tests, CI).
    explicit SecretStore(QObject *parent = nullptr);
    SecretStore(Mode mode, QObject *parent);

    bool persistent() const { return m_mode == Mode::Keychain; }
    QString lastError() const { return m_lastError; }

    using ReadDone = std::function<void(bool found, const QByteArray &payload)>;
    using WriteDone = std::function<void(bool persisted)>;
    // Asynchronous; callbacks run on this object's thread.
    void read(const QString &account, ReadDone done);
    void write(const QString &account, const QByteArray &payload, WriteDone done = {});
    void remove(const QString &account);

signals:
    // Emitted once, when the keychain turns out to be unreachable.
    void fellBackToMemory(const QString &reason);

private:
    void fallBack(const QString &reason);

    Mode m_mode;
    QString m_lastError;
    QHash<QString, QByteArray> m_memory; // always holds what this run wrote or read
};

} // namespace kafkascope
