package nl.omkijken.engine;

/**
 * Who answers a conversation. BOT: the engine. WAITING: a human was asked for; the engine only
 * handles interrupts and says how long the wait is. AGENT: staff own it; the engine stays silent
 * except for crisis. CLOSED: staff closed it; the next message starts afresh with the bot.
 */
public enum Ownership { BOT, WAITING, AGENT, CLOSED }
