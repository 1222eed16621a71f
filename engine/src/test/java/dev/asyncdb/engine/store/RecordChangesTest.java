package dev.asyncdb.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asyncdb.engine.store.ResourceChange.Op;
import dev.asyncdb.engine.store.ResourceChange.RecordChange;
import dev.asyncdb.engine.table.KeySpec;
import dev.asyncdb.engine.table.RecordTable;
import dev.asyncdb.engine.table.RowRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs of inserted rows read, one by one and by position, as the changes an entry per row would be. */
class RecordChangesTest {
  @Test
  void runsOfRowsReadAsOneInsertPerRowInOrder() {
    RecordTable table = new RecordTable(KeySpec.single("id"));
    for (int i = 0; i < 5; i++) {
      table.appendRecord(Map.of("id", "r" + i), -1, i);
    }
    RecordChange delete = new RecordChange(Op.DELETE, "gone", null);
    RecordChanges changes = new RecordChanges();
    changes.append(delete);
    changes.appendInserted(new RowRange(table, 1, 4));
    changes.appendInserted(new RowRange(table, 4, 4));
    changes.append(delete);
    List<String> read = new ArrayList<>();
    for (RecordChange c : changes) {
      read.add(c.op() + " " + c.key() + " " + c.after());
    }
    assertThat(read).containsExactly("DELETE gone null", "INSERT r1 {id=r1}", "INSERT r2 {id=r2}", "INSERT r3 {id=r3}", "DELETE gone null");
    assertThat(changes).hasSize(5);
    assertThat(changes.get(3).key()).isEqualTo("r3");
    assertThat(changes.get(4)).isSameAs(delete);
    assertThat(changes.parts()).hasSize(3);
    assertThatThrownBy(() -> changes.get(5)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> changes.add(delete)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new RowRange(table, 3, 2)).hasMessageContaining("not a range of rows: 3 .. 2");
  }
}
