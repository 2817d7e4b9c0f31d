/* For the Windows check under Wine only, never shipped: Rust's standard
 * library (1.78 and later) asks bcryptprimitives.dll for ProcessPrng, which
 * Windows 10 and 11 have and Debian 12's Wine 8 does not. Built as
 * bcryptprimitives.dll and put beside styr.exe, this one answers from
 * advapi32's RtlGenRandom (SystemFunction036), which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
