import Foundation

extension Output {
    /// The system's reason for a failed file operation, in Swedish, when Foundation's error
    /// carries one (its own text is English: "The operation could not be completed"); `nil`
    /// when it does not.
    static func systemReason(_ error: any Error) -> String? {
        let nsError = error as NSError
        var code: Int?
        if nsError.domain == NSPOSIXErrorDomain {
            code = nsError.code
        } else if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? any Error,
                  (underlying as NSError).domain == NSPOSIXErrorDomain {
            code = (underlying as NSError).code
        }
        switch code.map(Int32.init) {
        case ENOENT?: return "mappen eller filen finns inte"
        case EACCES?, EPERM?: return "behörighet saknas"
        case EISDIR?: return "det är en mapp"
        case ENOTDIR?: return "en del av sökvägen är ingen mapp"
        case ENOSPC?: return "det finns inte plats på disken"
        case EROFS?: return "filsystemet är skrivskyddat"
        default: return nil
        }
    }
}
