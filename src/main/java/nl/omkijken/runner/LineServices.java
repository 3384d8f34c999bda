package nl.omkijken.runner;

import java.util.Objects;
import nl.omkijken.routing.Routing;

/**
 * What a turn asks of its line beyond the dialogs: when it is staffed (hours), how long people waited
 * (waits), which queue a handoff joins (routing), whether anyone can answer now (staffing), where
 * the day's figures are counted (figures), and where talks are booked (reservations).
 */
public record LineServices(LineHours hours, WaitHistory waits, Routing routing, Staffing staffing, DailyFigures figures,
                           Reservations reservations, CallFigures calls) {
    public static final LineServices NONE = new LineServices(LineHours.NONE, WaitHistory.NONE, Routing.none(), Staffing.ASSUMED,
            DailyFigures.NONE);

    public LineServices(LineHours hours, WaitHistory waits, Routing routing, Staffing staffing) {
        this(hours, waits, routing, staffing, DailyFigures.NONE);
    }

    public LineServices(LineHours hours, WaitHistory waits, Routing routing, Staffing staffing, DailyFigures figures) {
        this(hours, waits, routing, staffing, figures, Reservations.NONE);
    }

    public LineServices(LineHours hours, WaitHistory waits, Routing routing, Staffing staffing, DailyFigures figures,
                        Reservations reservations) {
        this(hours, waits, routing, staffing, figures, reservations, CallFigures.NONE);
    }

    public LineServices {
        Objects.requireNonNull(hours, "line hours");
        Objects.requireNonNull(waits, "wait history");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(staffing, "staffing");
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(reservations, "reservations");
        Objects.requireNonNull(calls, "call figures");
    }
}
