/// How a message repeats what a person wrote: between backticks, and never at any length.
///
/// A message quotes names, values and command words as they were typed (`` `anordnare.namn` ``,
/// `` `2025-02-30` ``). Input is not bounded: a JSON value of a megabyte, or a name of 200,000
/// letters pasted at a prompt, would make a message line of that length. A quoted part longer
/// than ``longest`` characters shows its start, `…` and its end, as the renderer shows a window
/// of a long source line.
///
/// Quote at the place that puts input into a message (``quoted(_:)``): the text is shortened
/// there, whatever it holds. ``Diagnostic`` also shortens the backtick-quoted parts of a finished
/// message, but it finds them by pairing backticks, which a quoted text that itself holds a
/// backtick throws off.
public enum Quoting {
    /// The longest text a message repeats whole.
    public static let longest = 80

    /// `text` between backticks, shortened when longer than ``longest`` characters.
    public static func quoted(_ text: some StringProtocol) -> String {
        "`" + shortened(text) + "`"
    }

    /// `text` when it has at most ``longest`` characters; otherwise its first 60 characters,
    /// `…` and its last 19, so that a shortened text is ``longest`` characters long.
    public static func shortened(_ text: some StringProtocol) -> String {
        // Counting characters walks the whole text; a text of more bytes than the limit's
        // longest characters is measured by its first ones only.
        guard text.utf8.count > longest, text.dropFirst(longest).first != nil else { return String(text) }
        return String(text.prefix(longest - 20)) + "…" + String(text.suffix(19))
    }
}
