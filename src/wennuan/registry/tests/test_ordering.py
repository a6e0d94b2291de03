from wennuan.registry.ordering import natural


def test_numbers_in_labels_sort_as_numbers():
    rooms = ["1102", "201", "6-10", "6-2", "", "10号楼", "2号楼", "B3", "B12"]
    assert sorted(rooms, key=natural) == ["", "2号楼", "6-2", "6-10", "10号楼", "201", "1102", "B3", "B12"]
